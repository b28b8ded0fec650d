import type { DeviceInfo, MarginaliaApi, SeenDeviceInfo } from '../../shared/contract/schemas.js';
// Values only from zod-free files: the page's strict CSP refuses zod's eval probe.
import { MAX_DEVICE_NAME_CHARS } from '../../shared/contract/limits.js';
import { fieldset } from '../export-form.js';

/** The devices part of the settings: this device's name (renamable), and the devices that changed the library. */
export interface DevicesSection {
  element: HTMLElement;
  /** Reads the devices again (the panel opened, or another device's change arrived). */
  refresh(): Promise<void>;
}

/** A day, not a time: a device notes when it opened the library at most once a day (store/device-names.ts). */
const when = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** One device as the list says it: its name, and whether it is this one or when it last opened the library. */
function deviceLine(device: SeenDeviceInfo): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'settings-device';
  item.dataset.deviceId = device.id;
  const name = document.createElement('span');
  name.className = 'settings-device-name';
  name.textContent = device.name;
  item.append(name);
  if (device.thisDevice) item.append(' — this device');
  else if (device.lastSeenAt) {
    item.append(` — last seen ${when.format(new Date(device.lastSeenAt))}`);
    item.title = 'The day it last opened this library, by its own clock';
  }
  if (device.clockAheadMs) {
    const warning = document.createElement('span');
    warning.className = 'settings-device-clock';
    warning.textContent = ` — its clock is ${lead(device.clockAheadMs)} ahead of this one`;
    warning.title = 'Its changes are dated that far in the future, and win over changes made here meanwhile. Set its date and time.';
    item.append(warning);
  }
  return item;
}

/** "12 minutes", "3 hours", "2 days": a clock's lead, roughly. */
function lead(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * This device's name, which the other devices show on its changes
 * ("changed on Laptop"): typed over and kept on Enter or on leaving the
 * field; and the devices that changed this library, with when each last opened it.
 */
export function devicesSection(api: Pick<MarginaliaApi, 'devices' | 'renameDevice'>, failed: (error: unknown) => void): DevicesSection {
  const element = document.createElement('div');
  element.className = 'settings-devices';

  const nameSet = fieldset('This device');
  const name = document.createElement('input');
  name.type = 'text';
  name.name = 'deviceName';
  name.maxLength = MAX_DEVICE_NAME_CHARS;
  name.autocomplete = 'off';
  name.spellcheck = false;
  name.setAttribute('aria-label', 'This device’s name, shown on the changes it makes');
  name.title = 'The name your other devices show on the changes made here';
  nameSet.append(name);

  const seenTitle = document.createElement('p');
  seenTitle.className = 'settings-devices-title';
  seenTitle.id = 'settings-devices-title';
  seenTitle.textContent = 'Devices that changed this library:';
  const seen = document.createElement('ul');
  seen.className = 'settings-device-list';
  seen.setAttribute('aria-labelledby', seenTitle.id);
  element.append(nameSet, seenTitle, seen);

  let thisDevice: DeviceInfo | null = null;
  const show = (answer: { thisDevice: DeviceInfo; devices: SeenDeviceInfo[] }) => {
    thisDevice = answer.thisDevice;
    // Never under the reader's typing.
    if (document.activeElement !== name) name.value = answer.thisDevice.name;
    seen.replaceChildren(...answer.devices.map(deviceLine));
  };
  const refresh = async () => {
    try {
      show(await api.devices({}));
    } catch (error) {
      failed(error);
    }
  };

  const rename = async () => {
    const typed = name.value.replace(/\s+/g, ' ').trim();
    if (!thisDevice || typed === thisDevice.name) return;
    if (typed === '') {
      name.value = thisDevice.name;
      return;
    }
    try {
      thisDevice = await api.renameDevice({ name: typed });
      name.value = thisDevice.name;
      await refresh();
    } catch (error) {
      name.value = thisDevice.name;
      failed(error);
    }
  };
  name.addEventListener('keydown', (event) => {
    // Enter keeps the name; it must not submit (and so close) the settings.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void rename();
  });
  name.addEventListener('change', () => void rename());

  return { element, refresh };
}
