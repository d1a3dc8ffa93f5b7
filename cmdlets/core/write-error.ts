// Write-Error: writes a non-terminating error to the error stream.
import { defineCmdlet } from '../../src/engine/cmdlet.js';
import { ErrorRecord, type ErrorCategory } from '../../src/engine/errors.js';
import { PSObject } from '../../src/engine/values.js';
import { toStr } from '../../src/engine/convert.js';
import { propertyValue } from './lib/common.js';

interface Params {
  Message?: string;
  Exception?: unknown;
  ErrorRecord?: unknown;
  Category?: ErrorCategory;
  ErrorId?: string;
  TargetObject?: unknown;
  RecommendedAction?: string;
  CategoryActivity?: string;
  CategoryReason?: string;
  CategoryTargetName?: string;
  CategoryTargetType?: string;
}

export const ERROR_CATEGORIES: ErrorCategory[] = [
  'NotSpecified', 'OpenError', 'CloseError', 'DeviceError', 'DeadlockDetected', 'InvalidArgument', 'InvalidData',
  'InvalidOperation', 'InvalidResult', 'InvalidType', 'MetadataError', 'NotImplemented', 'NotInstalled',
  'ObjectNotFound', 'OperationStopped', 'OperationTimeout', 'SyntaxError', 'ParserError', 'PermissionDenied',
  'ResourceBusy', 'ResourceExists', 'ResourceUnavailable', 'ReadError', 'WriteError', 'FromStdErr', 'SecurityError',
  'ProtocolError', 'ConnectionError', 'AuthenticationError', 'LimitsExceeded', 'QuotaExceeded', 'NotEnabled',
];

const normalizeCategory = (v: unknown): string => {
  const s = toStr(v);
  return ERROR_CATEGORIES.find((c) => c.toLowerCase() === s.toLowerCase()) ?? s;
};

const WRITE_ERROR_EXCEPTION = 'Microsoft.PowerShell.Commands.WriteErrorException';

export const cmdlet = defineCmdlet<Params>({
  name: 'Write-Error',
  synopsis: 'Writes an object to the error stream.',
  description:
    'Write-Error reports a non-terminating error: the message is shown on the error stream, the error is added to ' +
    '$Error, $? becomes false and the script goes on (unless -ErrorAction Stop or $ErrorActionPreference says ' +
    'otherwise). -Category, -ErrorId and -TargetObject fill in the error record; -Exception takes the message of an ' +
    'exception and -ErrorRecord writes an existing error record.',
  defaultParameterSet: 'NoException',
  parameters: [
    {
      name: 'Message',
      type: 'String',
      position: 0,
      mandatory: true,
      valueFromPipeline: true,
      aliases: ['Msg'],
      parameterSets: ['NoException'],
      setOverrides: { WithException: { mandatory: false } },
      description: 'The text of the error.',
    },
    { name: 'Exception', type: 'Exception', mandatory: true, parameterSets: ['WithException'], convert: (v) => v, description: 'An exception whose message is the error.' },
    { name: 'ErrorRecord', type: 'ErrorRecord', mandatory: true, parameterSets: ['ErrorRecord'], convert: (v) => v, description: 'An error record to write as it is.' },
    { name: 'Category', type: 'ErrorCategory', validateSet: ERROR_CATEGORIES, convert: normalizeCategory, parameterSets: ['NoException', 'WithException'], description: 'The category of the error.', defaultValue: 'NotSpecified' },
    { name: 'ErrorId', type: 'String', parameterSets: ['NoException', 'WithException'], description: 'An identifier of the error, its FullyQualifiedErrorId.' },
    { name: 'TargetObject', type: 'Object', parameterSets: ['NoException', 'WithException'], description: 'The object that was being processed when the error occurred.' },
    { name: 'RecommendedAction', type: 'String', description: 'What the user should do to fix the error.' },
    { name: 'CategoryActivity', type: 'String', aliases: ['Activity'], description: 'The action that failed, shown in the category information.' },
    { name: 'CategoryReason', type: 'String', aliases: ['Reason'], description: 'Why the action failed.' },
    { name: 'CategoryTargetName', type: 'String', aliases: ['TargetName'], description: 'The name of the object the action was on.' },
    { name: 'CategoryTargetType', type: 'String', aliases: ['TargetType'], description: 'The type of the object the action was on.' },
  ],
  outputTypes: ['None'],
  examples: [
    {
      title: 'Report an error and go on',
      code: "Write-Error 'The connector was not found.' -ErrorAction SilentlyContinue\n$Error[0].Exception.Message",
      remarks: 'The error is recorded in $Error even when it is not shown.',
      output: 'The connector was not found.',
    },
    {
      title: 'An error with a category and an id',
      code: "Write-Error -Message 'Bad port' -Category InvalidArgument -ErrorId 'BadPort' -ErrorAction SilentlyContinue\n$Error[0].FullyQualifiedErrorId",
      remarks: 'The ErrorId becomes the FullyQualifiedErrorId of the record.',
      output: 'BadPort',
    },
  ],
  process(ctx) {
    const p = ctx.params;
    if (ctx.parameterSetName === 'ErrorRecord' && p.ErrorRecord !== undefined) {
      const r = p.ErrorRecord;
      ctx.writeError(r instanceof ErrorRecord ? r : new ErrorRecord(toStr(r), WRITE_ERROR_EXCEPTION, 'NotSpecified', r, WRITE_ERROR_EXCEPTION));
      return;
    }
    let message = p.Message ?? '';
    let exceptionType = WRITE_ERROR_EXCEPTION;
    if (p.Exception !== undefined && p.Exception !== null) {
      const ex = p.Exception;
      if (ex instanceof ErrorRecord) {
        if (!ctx.bound.has('Message')) message = ex.message;
        exceptionType = ex.exceptionType;
      } else if (ex instanceof Error) {
        if (!ctx.bound.has('Message')) message = ex.message;
        exceptionType = 'System.Exception';
      } else if (ex instanceof PSObject) {
        if (!ctx.bound.has('Message')) message = toStr(propertyValue(ex, 'Message') ?? ex);
        exceptionType = ex.typeNames[0] ?? exceptionType;
      } else if (!ctx.bound.has('Message')) message = toStr(ex);
    }
    const id = p.ErrorId ? p.ErrorId : WRITE_ERROR_EXCEPTION;
    const rec = new ErrorRecord(message, id, p.Category ?? 'NotSpecified', p.TargetObject, exceptionType);
    ctx.writeError(rec);
  },
});

export default cmdlet;
