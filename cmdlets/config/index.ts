// Organization configuration: transport config, accepted domains, send and receive connectors,
// the transport server and the lab's static MX table. Cheap to import: the state layer is plain fs.
import type { CmdletDecl } from '../../src/engine/cmdlet.js';
import { registerViews } from '../../src/format/views.js';
import { views } from './views.js';
import getTransportConfig from './get-transportconfig.js';
import setTransportConfig from './set-transportconfig.js';
import newAcceptedDomain from './new-accepteddomain.js';
import getAcceptedDomain from './get-accepteddomain.js';
import setAcceptedDomain from './set-accepteddomain.js';
import removeAcceptedDomain from './remove-accepteddomain.js';
import newSendConnector from './new-sendconnector.js';
import getSendConnector from './get-sendconnector.js';
import setSendConnector from './set-sendconnector.js';
import removeSendConnector from './remove-sendconnector.js';
import newReceiveConnector from './new-receiveconnector.js';
import getReceiveConnector from './get-receiveconnector.js';
import setReceiveConnector from './set-receiveconnector.js';
import removeReceiveConnector from './remove-receiveconnector.js';
import getTransportServer from './get-transportserver.js';
import setTransportServer from './set-transportserver.js';
import addStaticMxRecord from './add-staticmxrecord.js';
import getStaticMxRecord from './get-staticmxrecord.js';
import removeStaticMxRecord from './remove-staticmxrecord.js';

export const cmdlets: CmdletDecl<any>[] = [
  getTransportConfig,
  setTransportConfig,
  newAcceptedDomain,
  getAcceptedDomain,
  setAcceptedDomain,
  removeAcceptedDomain,
  newSendConnector,
  getSendConnector,
  setSendConnector,
  removeSendConnector,
  newReceiveConnector,
  getReceiveConnector,
  setReceiveConnector,
  removeReceiveConnector,
  getTransportServer,
  setTransportServer,
  addStaticMxRecord,
  getStaticMxRecord,
  removeStaticMxRecord,
];

// the formatter's registry gets this area's default views as soon as the area is loaded
registerViews(views);

export { views };
