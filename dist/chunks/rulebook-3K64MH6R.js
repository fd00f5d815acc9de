import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  loadRunRulebook,
  readerAtCommit,
  readerInWorkspace,
  remoteReader
} from "./chunk-K3JBBKKY.js";
import "./chunk-MW6GP6IY.js";
import "./chunk-B2N4SXDU.js";
import "./chunk-CRZGVJQY.js";
export {
  loadRunRulebook,
  readerAtCommit,
  readerInWorkspace,
  remoteReader
};
