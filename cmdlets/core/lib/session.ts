// Session services the variable cmdlets use when the engine offers them (feature-detected, so the
// cmdlets work with a Session that has only getVariable/setVariable).
import type { Session } from '../../../src/engine/cmdlet.js';

export interface VariableInfo {
  name: string;
  value: unknown;
  description?: string;
  options?: string;
}

interface VariableServices {
  /** Every variable visible from the calling scope. */
  variables?(): VariableInfo[];
  /** Whether a variable exists (even holding $null). */
  hasVariable?(name: string): boolean;
  /** Removes a variable; false when there was none. */
  removeVariable?(name: string): boolean;
  /** Sets a variable in a named scope (Global, Script, Local or a number). */
  setVariableInScope?(name: string, value: unknown, scope: string): void;
}

export function variableServices(session: Session): VariableServices {
  return session as unknown as VariableServices;
}

export function hasVariable(session: Session, name: string): boolean {
  const s = variableServices(session);
  if (s.hasVariable) return s.hasVariable(name);
  const v = session.getVariable(name);
  return v !== undefined && v !== null;
}

export function listVariables(session: Session): VariableInfo[] | undefined {
  return variableServices(session).variables?.();
}
