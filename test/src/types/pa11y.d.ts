// pa11y 9 ships no types: the part of its API the accessibility test uses.
declare module 'pa11y' {
  import type { Browser } from 'puppeteer';
  interface Issue {
    code: string;
    type: 'error' | 'warning' | 'notice';
    message: string;
    selector: string;
    context: string;
    runner: string;
  }
  interface Options {
    browser?: Browser;
    runners?: string[];
    standard?: 'WCAG2A' | 'WCAG2AA' | 'WCAG2AAA';
    timeout?: number;
    ignore?: string[];
    hideElements?: string;
  }
  export default function pa11y(url: string, options?: Options): Promise<{ documentTitle: string; pageUrl: string; issues: Issue[] }>;
}
