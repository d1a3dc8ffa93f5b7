// The Ink view: renders the controller's snapshot as the live area (prompt, menu, hint, progress,
// status) and hands raw input to the controller. Finished output bypasses React: the controller's
// sink writes it through Ink's stdout writer.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Box, Text, useStdin, useStdout } from 'ink';
import type { ShellController } from './controller.js';
import { liveLines } from './view.js';

export interface AppProps {
  controller: ShellController;
  /** Columns when the output stream does not say (tests). */
  width?: number;
  /** Where finished output goes instead of Ink's stdout writer (tests, benchmarks). */
  write?: (data: string) => void;
}

export function App({ controller, width, write: writeOverride }: AppProps) {
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { write: inkWrite, stdout } = useStdout();
  const write = writeOverride ?? inkWrite;
  const { internal_eventEmitter: input, setRawMode, isRawModeSupported } = useStdin();

  useEffect(() => {
    controller.sink.attach(write);
    return () => controller.sink.detach();
  }, [controller, write]);

  useEffect(() => {
    if (isRawModeSupported) setRawMode(true);
    const onInput = (data: string) => controller.feed(data);
    input.on('input', onInput);
    return () => {
      input.off('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [controller, input, setRawMode, isRawModeSupported]);

  // the hint, menu and status lines are cut to the width: draw again when the terminal is resized
  const [resizes, setResizes] = useState(0);
  useEffect(() => {
    const onResize = () => setResizes((n) => n + 1);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  const columns = width ?? (stdout.columns || 80);
  const lines = useMemo(() => liveLines(snap, controller.backend, columns, controller.style), [snap, controller, columns, resizes]);
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap={l.truncate ? 'truncate-end' : 'wrap'}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
