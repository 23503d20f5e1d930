/**
 * The root of every island rendered once per build (lib/build/render-once.ts), on the server and in the
 * browser alike, so both trees match. In the browser it marks its element `data-hydrated` from an effect:
 * effects run once React has committed the hydrated tree, so the mark means the island works, not only
 * that its hydration was asked for.
 */
import { useEffect, type ReactNode } from 'react';

export default function IslandRoot({ element, children }: { element?: HTMLElement; children?: ReactNode }): ReactNode {
  useEffect(() => {
    if (element) element.dataset.hydrated = '';
  }, [element]);
  return children;
}
