export {
  isLavaAbortError,
  isLavaApiError,
  isLavaError,
  isLavaNetworkError,
  isLavaTimeoutError,
  isLavaValidationError,
  LavaAbortError,
  LavaApiError,
  type LavaApiErrorInit,
  LavaError,
  type LavaErrorName,
  LavaNetworkError,
  LavaTimeoutError,
  LavaValidationError,
  type LavaValidationIssue,
  type RequestTarget,
} from './errors.js';
export type { ListResponse, PageParams } from './list-params.js';
export type { CallOptions, CreateOptions } from './rest.js';
export type { Deleted, SubscriptionBase, Success } from './shapes.js';
