import { z } from 'zod';
import { ArticleIdSchema } from '../model.js';
import { MAX_DEVICE_NAME_CHARS } from './limits.js';

/**
 * The contract's part for a library synced between devices (issue 17,
 * docs/sync.md): what changed from outside, and the devices that change it.
 */

/** A device as the reader sees it: its id (`d-` and 12 characters, made once per installation) and name. */
export const DeviceSchema = z.object({ id: z.string(), name: z.string() });
export type DeviceInfo = z.infer<typeof DeviceSchema>;

/** A device that changed this library; `lastSeenAt`: when it last opened it, by its own clock (absent: its note has not arrived yet). */
export const SeenDeviceSchema = DeviceSchema.extend({
  thisDevice: z.boolean(),
  lastSeenAt: z.string().datetime().optional(),
  /** How far ahead of this device's clock its clock was seen to be, when over 10 minutes (its changes are dated wrong). */
  clockAheadMs: z.number().int().nonnegative().optional(),
});
export type SeenDeviceInfo = z.infer<typeof SeenDeviceSchema>;

/** What another device or process changed: `articleIds` changed after the version asked about; `version` is the one to ask from next. */
export const ChangesSchema = z.object({
  version: z.number().int().nonnegative(),
  articleIds: z.array(ArticleIdSchema),
});

export const DevicesSchema = z.object({ thisDevice: DeviceSchema, devices: z.array(SeenDeviceSchema) });

/** A name the reader typed for this device (spaces are tidied, and a blank one is refused, in main). */
export const DeviceNameSchema = z.string().min(1, 'a device needs a name').max(MAX_DEVICE_NAME_CHARS, `a device name is at most ${MAX_DEVICE_NAME_CHARS} characters`);
