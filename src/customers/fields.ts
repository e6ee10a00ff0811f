import * as v from 'valibot';

// Argument fields shared by createCustomer and updateCustomer. Pure-marked so unused ones drop out.
const E164 = /^\+[1-9]\d{1,14}$/;

/** The merchant's own id for a customer. */
export const ReferenceIdSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(255, 'must be at most 255 characters'),
  v.check((id) => !id.startsWith('con_'), 'must not start with "con_" (that prefix is for Lava ids)'),
);
/** A contact email. */
export const EmailSchema = /* @__PURE__ */ v.pipe(v.string(), v.email('must be an email address'));
/** A contact phone number in E.164 form. */
export const PhoneSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.regex(E164, 'must be an E.164 phone number such as +14155550100'),
);
/** A display name. */
export const NameSchema = /* @__PURE__ */ v.pipe(v.string(), v.maxLength(255, 'must be at most 255 characters'));
/** Free-form metadata stored on the customer. */
export const MetadataSchema = /* @__PURE__ */ v.pipe(
  v.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'must be an object of key/value pairs',
  ),
  // valibot's record drops these keys silently; refused rather than lost.
  v.check(
    (record) => !['__proto__', 'constructor', 'prototype'].some((key) => Object.hasOwn(record, key)),
    'keys "__proto__", "constructor" and "prototype" are not supported',
  ),
  v.record(v.string(), v.unknown()),
);
