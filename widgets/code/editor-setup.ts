import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { yUndoManagerKeymap } from 'y-codemirror.next';

/**
 * Completion and closing brackets come with the language (see languageAids): every language
 * package loads that code anyway, and the editor opens sooner without it.
 */
export async function languageAids(): Promise<Extension> {
  const { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } =
    await import('@codemirror/autocomplete');
  return [
    closeBrackets(),
    autocompletion(),
    Prec.high(keymap.of([...closeBracketsKeymap, ...completionKeymap])),
  ];
}

/**
 * CodeMirror's basic setup without its own history: undo here is Yjs's, which undoes only the
 * edits made on this peer (CodeMirror's history would undo whatever came last, a peer's included).
 */
export const sharedEditorSetup: Extension = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  foldGutter(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  rectangularSelection(),
  crosshairCursor(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  keymap.of([
    ...yUndoManagerKeymap,
    ...defaultKeymap,
    ...searchKeymap,
    ...foldKeymap,
    indentWithTab,
  ]),
];
