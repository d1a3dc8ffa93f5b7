// Default views of the transport's objects, as plain data for the formatter's registry.
import type { ViewDecl } from '../../src/format/views.js';

export const views: ViewDecl[] = [
  {
    typeName: 'Edgeshell.Transport.TransportService',
    table: {
      columns: [
        { label: 'Name', property: 'Name' },
        { label: 'Status', property: 'Status' },
        { label: 'Bindings', property: 'Bindings' },
        { label: 'Certificate', property: 'Certificate' },
      ],
    },
    list: { properties: ['Name', 'Status', 'Fqdn', 'Bindings', 'Certificate', 'StartTime', 'ProcessId'] },
  },
  {
    typeName: 'Microsoft.Exchange.Data.QueueViewer.ExtensibleQueueInfo',
    table: {
      columns: [
        { label: 'Identity', property: 'Identity' },
        { label: 'DeliveryType', property: 'DeliveryType' },
        { label: 'Status', property: 'Status' },
        { label: 'MessageCount', property: 'MessageCount', align: 'right' },
        { label: 'NextHopDomain', property: 'NextHopDomain' },
      ],
    },
    list: { properties: ['Identity', 'DeliveryType', 'NextHopDomain', 'TlsDomain', 'NextHopConnector', 'Status', 'MessageCount', 'LastError', 'LastRetryTime', 'NextRetryTime'] },
  },
  {
    typeName: 'Microsoft.Exchange.Data.QueueViewer.ExtensibleMessageInfo',
    table: {
      columns: [
        { label: 'Identity', property: 'Identity' },
        { label: 'FromAddress', property: 'FromAddress' },
        { label: 'Status', property: 'Status' },
        { label: 'Queue', property: 'Queue' },
        { label: 'Subject', property: 'Subject' },
      ],
    },
    list: {
      properties: ['Identity', 'FromAddress', 'Status', 'Size', 'SCL', 'Queue', 'Subject', 'InternetMessageId', 'MessageSourceName', 'Recipients', 'LastError', 'RetryCount', 'DateReceived', 'ExpirationTime'],
    },
  },
  {
    typeName: 'Microsoft.Exchange.Management.TransportLogSearchTasks.MessageTrackingEvent',
    table: {
      columns: [
        { label: 'EventId', property: 'EventId' },
        { label: 'Source', property: 'Source' },
        { label: 'Sender', property: 'Sender' },
        { label: 'Recipients', property: 'Recipients' },
        { label: 'MessageSubject', property: 'MessageSubject' },
      ],
    },
    list: {
      properties: [
        'Timestamp',
        'ClientIp',
        'ClientHostname',
        'ServerIp',
        'ServerHostname',
        'SourceContext',
        'ConnectorId',
        'Source',
        'EventId',
        'InternalMessageId',
        'MessageId',
        'Recipients',
        'RecipientStatus',
        'TotalBytes',
        'RecipientCount',
        'RelatedRecipientAddress',
        'Reference',
        'MessageSubject',
        'Sender',
        'ReturnPath',
        'MessageInfo',
      ],
    },
  },
  {
    typeName: 'Microsoft.PowerShell.Commands.GetCounter.PerformanceCounterSampleSet',
    table: {
      columns: [
        { label: 'Timestamp', property: 'Timestamp', width: 26 },
        { label: 'CounterSamples', property: 'Readings' },
      ],
      wrap: true,
    },
    list: { properties: ['Timestamp', 'Readings'] },
  },
  {
    typeName: 'Microsoft.PowerShell.Commands.GetCounter.PerformanceCounterSample',
    table: {
      columns: [
        { label: 'Path', property: 'Path' },
        { label: 'InstanceName', property: 'InstanceName' },
        { label: 'CookedValue', property: 'CookedValue', align: 'right' },
      ],
    },
    list: { properties: ['Path', 'InstanceName', 'CookedValue', 'RawValue', 'SecondValue', 'MultipleCount', 'CounterType', 'Timestamp', 'Timestamp100NSec', 'Status', 'DefaultScale', 'TimeBase'] },
  },
  {
    typeName: 'Microsoft.PowerShell.Commands.GetCounter.CounterSet',
    table: {
      columns: [
        { label: 'CounterSetName', property: 'CounterSetName' },
        { label: 'MachineName', property: 'MachineName' },
        { label: 'CounterSetType', property: 'CounterSetType' },
        { label: 'Description', property: 'Description' },
      ],
    },
    list: { properties: ['CounterSetName', 'MachineName', 'CounterSetType', 'Description', 'Paths', 'PathsWithInstances', 'Counter'] },
  },
];
