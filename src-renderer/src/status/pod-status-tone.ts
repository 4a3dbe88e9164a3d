/** The colour of a pod's kubectl STATUS: green when running or done, red when failing, amber otherwise. */
export function podStatusTone(status: string): 'ok' | 'warn' | 'bad' {
  if (status === 'Running' || status === 'Completed') return 'ok';
  if (/Err|BackOff|Error|OOMKilled|Failed|Unknown|Evicted/.test(status)) return 'bad';
  return 'warn';
}
