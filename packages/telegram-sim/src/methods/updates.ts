/** getUpdates and the webhook methods: the update hub answers them. */
import type { MethodHandler } from '../method-context.js';

export const getUpdates: MethodHandler = (params, ctx) => ctx.updates.getUpdates(params, ctx.signal);
export const setWebhook: MethodHandler = (params, ctx) => ctx.updates.setWebhook(params);
export const deleteWebhook: MethodHandler = (params, ctx) => ctx.updates.deleteWebhook(params);
export const getWebhookInfo: MethodHandler = (_params, ctx) => ctx.updates.getWebhookInfo();
