/** The machine the figures come from, printed and saved with them: the same bench elsewhere gives other figures. */
import { availableParallelism, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { oneLine } from '../navigate/attempt.ts';
import { launchBrowser } from '../navigate/browser.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  freeMemoryGb: number;
  /** 1, 5 and 15 minutes: above the number of cores, other work was competing. */
  loadAverage: number[];
  os: string;
  node: string;
  chromium: string;
}

/** 1, 5 and 15 minutes, one decimal. */
export const loadAverage = () => loadavg().map((l) => Math.round(l * 10) / 10);

export const formatLoad = (load: number[]) => load.map((l) => l.toLocaleString('fr-FR')).join(' / ');

const gb = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;

export async function machine(): Promise<Machine> {
  let chromium: string;
  try {
    const browser = await launchBrowser();
    chromium = browser.version();
    await browser.close();
  } catch (error) {
    chromium = `indisponible (${oneLine(error)})`;
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'inconnu',
    cores: availableParallelism(),
    memoryGb: gb(totalmem()),
    freeMemoryGb: gb(freemem()),
    loadAverage: loadAverage(),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cœurs, ${m.memoryGb.toLocaleString('fr-FR')} Go de mémoire ; ${m.os} ; Node ${m.node} ; Chromium ${m.chromium} ; charge moyenne ${formatLoad(m.loadAverage)}`;
}
