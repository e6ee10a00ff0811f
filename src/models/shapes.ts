import * as v from 'valibot';

// Response shapes: imported with `import type` by the operation (see core/shapes.ts).

/** One model, in OpenAI's model-list format. */
export const ModelSchema = v.looseObject({
  id: v.string(),
  object: v.literal('model'),
  created: v.number(),
  owned_by: v.string(),
});
/** One model the gateway can route to. */
export interface Model extends v.InferOutput<typeof ModelSchema> {}

/** The answer of `listModels`: OpenAI's list format, not Lava's paginated envelope. */
export const ModelListSchema = v.looseObject({ object: v.literal('list'), data: v.array(ModelSchema) });
/** The answer of `listModels`. */
export interface ModelList extends v.InferOutput<typeof ModelListSchema> {}
