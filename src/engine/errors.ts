// ErrorRecord and the exceptions that carry one: PowerShell's error model.
import type { Extent } from '../../grammar/ast.js';

export type ErrorCategory =
  | 'NotSpecified'
  | 'OpenError'
  | 'CloseError'
  | 'DeviceError'
  | 'DeadlockDetected'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'InvalidResult'
  | 'InvalidType'
  | 'MetadataError'
  | 'NotImplemented'
  | 'NotInstalled'
  | 'ObjectNotFound'
  | 'OperationStopped'
  | 'OperationTimeout'
  | 'SyntaxError'
  | 'ParserError'
  | 'PermissionDenied'
  | 'ResourceBusy'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'ReadError'
  | 'WriteError'
  | 'FromStdErr'
  | 'SecurityError'
  | 'ProtocolError'
  | 'ConnectionError'
  | 'AuthenticationError'
  | 'LimitsExceeded'
  | 'QuotaExceeded'
  | 'NotEnabled';

export interface InvocationInfo {
  commandName?: string;
  scriptName?: string;
  /** Where in the source the failing command or expression is. */
  extent?: Extent;
  /** The whole source the extent points into, for the `Line |` excerpt. */
  source?: string;
}

export class ErrorRecord {
  invocationInfo?: InvocationInfo;
  /** Set by the engine when the record came from a script's `throw` or a caught exception. */
  scriptStackTrace?: string;
  /** Made by a `throw` statement: ConciseView shows it as `Exception:`. */
  fromThrowStatement?: boolean;
  /** CategoryInfo.Reason when it is not the exception's own type (a RuntimeException around a DivideByZeroException). */
  reason?: string;

  constructor(
    /** The message, as the user reads it. */
    public readonly message: string,
    /** e.g. 'ParameterBindingFailed', 'CommandNotFoundException'. Cmdlets append ',Cmdlet-Name'. */
    public readonly fullyQualifiedErrorId: string,
    public readonly category: ErrorCategory = 'NotSpecified',
    public readonly targetObject?: unknown,
    /** The .NET-style exception type name, for `catch [TypeName]` and `$_.Exception.GetType()`. */
    public readonly exceptionType = 'System.Management.Automation.RuntimeException',
  ) {}

  /** `$_.CategoryInfo` text: `ObjectNotFound: (X:String) [Get-Foo], CommandNotFoundException` */
  categoryInfo(): string {
    const target = this.targetObject === undefined || this.targetObject === null ? '' : String(this.targetObject);
    const ttype = typeof this.targetObject === 'string' ? 'String' : this.targetObject == null ? '' : 'Object';
    const reason = this.exceptionType.split('.').pop();
    const activity = this.invocationInfo?.commandName ? `[${this.invocationInfo.commandName}]` : '';
    return `${this.category}: (${target}:${ttype}) ${activity}, ${reason}`;
  }

  toString(): string {
    return this.message;
  }
}

/**
 * A terminating error: thrown through the engine until a try/catch or the host catches it.
 * Cmdlets throw it via ctx.throwTerminating(); anything else thrown by a cmdlet is wrapped into one.
 */
export class PSRuntimeError extends Error {
  /** `throw` and -ErrorAction Stop end the whole script (unless caught); other terminating errors end one statement. */
  terminatesScript = false;
  constructor(public readonly record: ErrorRecord) {
    super(record.message);
    this.name = 'PSRuntimeError';
  }
}

/** Shorthand for cmdlets and the engine: a terminating error with id and category. */
export function psError(
  message: string,
  errorId: string,
  category: ErrorCategory = 'NotSpecified',
  target?: unknown,
  exceptionType?: string,
): PSRuntimeError {
  return new PSRuntimeError(new ErrorRecord(message, errorId, category, target, exceptionType));
}
