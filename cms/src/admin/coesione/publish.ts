/**
 * Partners cannot publish (permissions.ts): Strapi still shows them a disabled «Pubblica» and «Annulla
 * pubblicazione». These wrappers keep Strapi's own actions and hide them from whoever lacks the publish
 * permission; the side panel (ReviewPanel) says that the editors publish.
 */
import { useDocumentRBAC } from '@strapi/content-manager/strapi-admin';

// Strapi's document action descriptions: a component-like function with a type and a position.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the admin exports no type for an action's props
type Action = ((props: any) => unknown) & { type?: string; position?: unknown };

const HIDDEN_WITHOUT_PUBLISH = new Set(['publish', 'unpublish']);

export function withoutPublishForNonPublishers(actions: Action[]): Action[] {
  return actions.map((action) => {
    if (!HIDDEN_WITHOUT_PUBLISH.has(action.type ?? '')) return action;
    const wrapped: Action = (props: Parameters<Action>[0]) => {
      // Both hooks run on every render, in the same order: Strapi calls descriptions as components.
      const description = action(props);
      const canPublish = useDocumentRBAC('CoesionePublishGate', (state) => Boolean(state.canPublish));
      return canPublish ? description : null;
    };
    wrapped.type = action.type;
    wrapped.position = action.position;
    return wrapped;
  });
}
