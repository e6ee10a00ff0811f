export { type CreateCustomerParams, createCustomer } from './create-customer.js';
export { deleteCustomer } from './delete-customer.js';
export { getCustomer } from './get-customer.js';
export { getCustomerSubscription } from './get-customer-subscription.js';
export { listCustomers } from './list-customers.js';
export type { Customer, CustomerSubscription } from './shapes.js';
export { type UpdateCustomerParams, updateCustomer } from './update-customer.js';
