export {
  isLavaAbortError,
  isLavaApiError,
  isLavaError,
  isLavaNetworkError,
  isLavaTimeoutError,
  isLavaValidationError,
  isLavaWebhookSignatureError,
  LavaAbortError,
  LavaApiError,
  type LavaApiErrorInit,
  LavaError,
  type LavaErrorName,
  LavaNetworkError,
  LavaTimeoutError,
  LavaValidationError,
  type LavaValidationIssue,
  LavaWebhookSignatureError,
  type RequestTarget,
  type WebhookSignatureFailure,
} from './errors.js';
export type { ListResponse, PageParams } from './list-params.js';
export { type CollectOptions, type CursorParams, collectAll, type ListFunction, paginate } from './paginate.js';
export type { CallOptions, CreateOptions } from './rest.js';
export type { Deleted, SubscriptionBase, Success } from './shapes.js';
