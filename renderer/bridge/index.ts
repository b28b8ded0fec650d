import type { MarginaliaApi } from '../../shared/contract/schemas.js';
import { electronApi, preloadBridge } from './electron.js';
import { httpApi } from './http.js';

/**
 * Connects to main: through the Electron preload when it is there, otherwise
 * to the browser-mode host with the token from the page URL.
 */
export function connectApi(): MarginaliaApi {
  const bridge = preloadBridge();
  if (bridge) return electronApi(bridge);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return httpApi(token);
}
