// Public exports of this folder (re-exported by src/index.ts).
export { type CreateRequestParams, createRequest } from './create-request.js';
export { getRequest } from './get-request.js';
export { type ListRequestsParams, listRequests } from './list-requests.js';
export type { MeteredRequest } from './shapes.js';
