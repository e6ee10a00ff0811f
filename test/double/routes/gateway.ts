// Placeholder: this resource's endpoints arrive with their issue.
import type { Route } from '../http.js';

export const routes: Route[] = [];
