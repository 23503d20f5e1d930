/** A one-line progress bar on a terminal; plain start/end lines in CI logs. */
export interface Progress {
  tick(n?: number): void;
  done(note?: string): void;
}

export function progress(label: string, total: number, out: NodeJS.WriteStream = process.stdout): Progress {
  const tty = out.isTTY === true;
  const width = 28;
  let count = 0;
  let last = 0;
  const render = (force = false) => {
    const now = Date.now();
    if (!tty || (!force && now - last < 80)) return;
    last = now;
    if (total === 0) {
      out.write(`\r  ${label.padEnd(24)} ${count}`); // total unknown: a counter
      return;
    }
    const filled = Math.round((count / total) * width);
    out.write(`\r  ${label.padEnd(24)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total}`);
  };
  if (!tty) out.write(`  ${label}: ${total || ''} …\n`);
  return {
    tick(n = 1) {
      count += n;
      render();
    },
    done(note = '') {
      if (tty) {
        render(true);
        out.write(` ${note}\n`);
      } else {
        out.write(`  ${label}: ${total ? `${count}/${total}` : count} ${note}\n`);
      }
    },
  };
}

/** Silent progress for tests. */
export const quiet: (label: string, total: number) => Progress = () => ({ tick() {}, done() {} });
