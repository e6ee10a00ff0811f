// TypeDoc plugin for the response and argument types that are inferred from valibot schemas
// (`interface Customer extends v.InferOutput<typeof CustomerSchema> {}`). TypeDoc lists their
// properties from the resolved type already; what it would also print is the inference machinery:
// a hierarchy of `InferOutput<typeof CustomerSchema>` (a schema that is not public), "Inherited
// from v.InferOutput.x" on every property and `= ...` for each schema entry. A reader wants the
// fields, so this drops those three; the types themselves stay derived from the schemas.
//
// Valibot's inference splits an object into its required and its optional keys, so TypeScript
// reports each optional key's declaration twice, and TypeDoc warns that the key "has multiple
// declarations with a comment" although both are the same line. Only that case is silenced: when
// the locations TypeDoc lists differ, the warning goes through (and fails `npm run docs`).
import { Converter, ReflectionKind } from 'typedoc';

const inference = new Set(['InferOutput', 'InferInput', 'NonNullable']);

const isInference = (type) => type?.type === 'reference' && inference.has(type.name.replace(/^v\./, ''));

/** @param {import('typedoc').Application} app */
export function load(app) {
  const logger = app.logger;
  const log = logger.log.bind(logger);
  let held; // a "multiple declarations" warning, waiting for the list of locations that follows it
  logger.log = (message, level) => {
    if (held === undefined && /has multiple declarations with a comment/.test(message)) {
      held = { message, level };
      return;
    }
    if (held !== undefined) {
      const locations = /are declared at:\n\t([\s\S]*)$/.exec(message)?.[1]?.split('\n\t');
      const sameLine = locations !== undefined && new Set(locations.map((l) => l.trim())).size === 1;
      const warning = held;
      held = undefined;
      if (sameLine) return;
      log(warning.message, warning.level);
    }
    log(message, level);
  };
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Interface)) {
      if (!reflection.extendedTypes?.some(isInference)) continue;
      reflection.extendedTypes = reflection.extendedTypes.filter((type) => !isInference(type));
      if (reflection.extendedTypes.length === 0) delete reflection.extendedTypes;
      for (const child of reflection.children ?? []) {
        if (/^(v\.)?(InferOutput|InferInput|NonNullable)\./.test(child.inheritedFrom?.name ?? ''))
          delete child.inheritedFrom;
        delete child.defaultValue;
      }
    }
  });
}
