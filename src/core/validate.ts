import { type BaseIssue, type BaseSchema, getDotPath, type InferOutput, safeParse } from 'valibot';
import { LavaValidationError, type LavaValidationIssue } from './errors.js';

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
  const result = safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return result.output;
  const issues: LavaValidationIssue[] = result.issues.map((issue) => {
    const path = getDotPath(issue);
    // The raw input is left out on purpose: it may be a credential passed in the wrong place.
    return {
      field: path ? `${argument}.${path}` : argument,
      message: issue.message,
      expected: issue.expected,
      received: issue.received,
    };
  });
  throw new LavaValidationError(issues);
}
