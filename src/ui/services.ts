// What the interactive shell offers cmdlets through rs.services: Get-History reads 'history',
// Clear-Host calls 'host-ui'. Types only, so cmdlets can name them without loading the UI.

export type HistoryExecutionStatus = 'Completed' | 'Failed' | 'Stopped';

export interface HistoryEntry {
  id: number;
  commandLine: string;
  executionStatus: HistoryExecutionStatus;
  startExecutionTime: Date;
  endExecutionTime: Date;
}

/** rs.services.get('history'): the lines run in this session, oldest first. */
export interface HistoryService {
  entries(): readonly HistoryEntry[];
}

/** rs.services.get('host-ui'): what the interactive host does on request. */
export interface HostUiService {
  clearScreen(): void;
}
