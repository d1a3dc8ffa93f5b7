// Default views of the configuration objects, as plain data for the formatter's registry: the
// table columns Exchange shows, and every property (in Exchange's order) for Format-List.
import {
  ACCEPTED_DOMAIN_PROPERTIES,
  RECEIVE_CONNECTOR_PROPERTIES,
  SEND_CONNECTOR_PROPERTIES,
  STATIC_MX_PROPERTIES,
  TRANSPORT_CONFIG_PROPERTIES,
  TRANSPORT_SERVER_PROPERTIES,
  TYPE,
} from './common.js';

export interface ConfigView {
  typeName: string;
  table?: { columns: { label: string; property: string; width?: number; align?: 'left' | 'right' }[] };
  list?: { properties: string[] };
}

export const views: ConfigView[] = [
  // no table view: Get-TransportConfig shows a list
  { typeName: TYPE.transportConfig, list: { properties: TRANSPORT_CONFIG_PROPERTIES } },
  {
    typeName: TYPE.receiveConnector,
    table: {
      columns: [
        { label: 'Identity', property: 'Identity' },
        { label: 'Bindings', property: 'Bindings' },
        { label: 'Enabled', property: 'Enabled' },
      ],
    },
    list: { properties: RECEIVE_CONNECTOR_PROPERTIES },
  },
  {
    typeName: TYPE.sendConnector,
    table: {
      columns: [
        { label: 'Identity', property: 'Identity' },
        { label: 'AddressSpaces', property: 'AddressSpaces' },
        { label: 'Enabled', property: 'Enabled' },
      ],
    },
    list: { properties: SEND_CONNECTOR_PROPERTIES },
  },
  {
    typeName: TYPE.acceptedDomain,
    table: {
      columns: [
        { label: 'Name', property: 'Name' },
        { label: 'DomainName', property: 'DomainName' },
        { label: 'DomainType', property: 'DomainType' },
        { label: 'Default', property: 'Default' },
      ],
    },
    list: { properties: ACCEPTED_DOMAIN_PROPERTIES },
  },
  {
    typeName: TYPE.transportServer,
    table: {
      columns: [
        { label: 'Name', property: 'Name' },
        { label: 'Fqdn', property: 'Fqdn' },
        { label: 'MessageTrackingLogEnabled', property: 'MessageTrackingLogEnabled' },
      ],
    },
    list: { properties: TRANSPORT_SERVER_PROPERTIES },
  },
  {
    typeName: TYPE.staticMx,
    table: {
      columns: [
        { label: 'Domain', property: 'Domain' },
        { label: 'Name', property: 'Name' },
        { label: 'Target', property: 'Target' },
        { label: 'Preference', property: 'Preference', align: 'right' },
      ],
    },
    list: { properties: STATIC_MX_PROPERTIES },
  },
];
