/**
 * Where CodeMirror lives on the page: in a shadow root of its host element. CodeMirror adds its styles
 * through style-mod, which writes a `<style>` element into a document (refused by the studio's
 * Content-Security-Policy, style-src 'self') but uses a constructed stylesheet in a shadow root, which
 * the policy allows. Styles for the editor therefore go through {@link editorTheme}, not flows.css.
 */
import { EditorView } from '@codemirror/view';

/** The shadow root of `host` (made once) and an empty element inside it to mount an editor in. */
export function editorRoot(host: HTMLElement): { root: ShadowRoot; parent: HTMLElement } {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const parent = document.createElement('div');
  root.append(parent);
  return { root, parent };
}

/** The editors' look on the studio page: a frame, the studio's focus ring, a fixed height that scrolls. */
export function editorTheme(height: string) {
  return EditorView.theme({
    '&': { height, fontSize: '13px', border: '1px solid #e3e6ea', borderRadius: '4px', backgroundColor: '#fff' },
    '&.cm-focused': { outline: '3px solid #f2a900', outlineOffset: '1px' },
    '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  });
}
