import type { BaseIssue, BaseSchema, InferOutput } from 'valibot';
import { LavaValidationError } from './errors.js';

type AnySchema = BaseSchema<unknown, unknown, BaseIssue<unknown>>;

/**
 * Parses one argument of an operation against its schema, or throws a {@link LavaValidationError}
 * whose fields are named from the argument (`params.email`, `id`). Called before any request is
 * built, so a rejected argument never reaches the network.
 */
export function validate<TSchema extends AnySchema>(
  schema: TSchema,
  value: unknown,
  argument: string,
): InferOutput<TSchema> {
  // The schema's own run method, which `safeParse` wraps: calling it directly keeps valibot's
  // global-config and result-object helpers out of every application bundle.
  const { issues, value: output } = schema['~run']({ value }, { abortPipeEarly: true });
  if (!issues) return output as InferOutput<TSchema>;
  throw new LavaValidationError(
    issues.map(({ path, message, expected, received }) => {
      // valibot quotes a string input in `received` (and in its default messages): the input may be
      // a credential pasted in the wrong place, so only its kind is kept.
      const kind = received?.startsWith('"') ? 'string' : /^-?(\d|NaN|Infinity)/.test(received) ? 'number' : received;
      return {
        // Keys are strings or indexes for the objects and arrays our schemas describe.
        field: [argument, ...(path ?? []).map((item) => item.key)].join('.'),
        message: kind === received ? message : message.replaceAll(received, kind),
        expected,
        received: kind,
      };
    }),
  );
}
