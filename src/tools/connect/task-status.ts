// A connector's and its task's state as Connect's status API shows them.
export type ConnectState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED';

export interface TaskStatus {
  state: ConnectState;
  /** The failure's stack trace, shown as `trace` for a FAILED task. */
  trace?: string;
}
