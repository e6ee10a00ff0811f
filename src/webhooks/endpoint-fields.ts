import * as v from 'valibot';

// Argument fields shared by createWebhook and updateWebhook. Pure-marked so unused ones drop out.

/** The endpoint Lava delivers events to: an absolute https URL. */
export const WebhookUrlSchema = /* @__PURE__ */ v.pipe(
  v.string('must be a string'),
  v.check((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute https URL such as https://example.com/lava/webhook'),
);

/** The webhook's display name. */
export const WebhookNameSchema = /* @__PURE__ */ v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(255, 'must be at most 255 characters'),
);
