// The state of one import on screen: the file (kept in memory, so a change of mapping or statement
// sends it again), the preview the server answered, the rows loaded of one status, the user's ticks,
// and the commit. A preview that will not be committed (replaced by a re-preview, or the import left)
// is discarded on the server, so live re-previews do not pile up there.
import {
  CommitImportDocument, DiscardImportPreviewDocument, ImportPreviewRowsDocument, PreviewImportDocument,
  type CsvMappingInput, type ImportBatchFieldsFragment, type ImportPreviewFieldsFragment, type ImportRowPageFragment, type ImportRowStatus,
} from '../../graphql/generated/graphql';
import { client, refreshActiveQueries } from '../../lib/apollo';
import { errorSentence } from '../../lib/errors';
import { formFromMapping, mappingInput } from '../../lib/import-mapping';
import { NO_SUGGESTED, NO_TOGGLES, NO_UNLINKED, commitArguments, transferLines, withLink, withSuggested, withTick, type SelectableRow, type Toggles } from '../../lib/import-selection';
import { tooLargeSentence, uploadWithProgress } from '../../lib/upload';

export type ImportRow = ImportRowPageFragment['edges'][number]['node'];

/** Rows per page of the table. */
const PAGE = 100;
/** A mapping being typed re-previews once the typing pauses. */
const DEBOUNCE_MS = 400;

export class ImportFlow {
  accountId = $state('');
  file = $state.raw<File | null>(null);
  preview = $state.raw<ImportPreviewFieldsFragment | null>(null);
  /** Upload progress (0..1) while a preview is on its way; null otherwise. */
  progress = $state<number | null>(null);
  error = $state('');
  /** The date format the user picked ('' until then). */
  chosenDateFormat = $state('');
  tab = $state<ImportRowStatus | null>(null);
  rows = $state.raw<ImportRow[]>([]);
  rowCount = $state(0);
  nextCursor = $state<string | null>(null);
  loadingRows = $state(false);
  rowsError = $state('');
  toggles = $state.raw<Toggles>(NO_TOGGLES);
  /** Lines whose "Link as transfer" the user unticked. */
  unlinked = $state.raw<ReadonlySet<number>>(NO_UNLINKED);
  /** Rows with a transfer suggestion seen on screen (by line), from any tab: the ones a commit may link. */
  private suggested = $state.raw<ReadonlyMap<number, ImportRow>>(NO_SUGGESTED);
  committing = $state(false);
  commitError = $state('');
  result = $state.raw<ImportBatchFieldsFragment | null>(null);

  private statement: number | undefined;
  private csv: CsvMappingInput | undefined;
  private sequence = 0;
  private abortUpload: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private committingId: string | undefined;

  constructor(accountId = '') {
    this.accountId = accountId;
  }

  /** A new file: checked against the server's limit before a byte is sent, then previewed with what the server guesses. */
  choose(file: File, maxBytes: number | undefined) {
    this.reset();
    const tooLarge = maxBytes === undefined ? null : tooLargeSentence(file, maxBytes, undefined, 'statement files');
    if (tooLarge) return void (this.error = tooLarge);
    this.file = file;
    void this.run();
  }

  setAccount(accountId: string) {
    this.accountId = accountId;
    this.statement = undefined;
    if (this.file) void this.run();
  }

  setStatement(index: number) {
    this.statement = index;
    void this.run();
  }

  /** A changed mapping: previewed again once the user pauses. */
  setMapping(csv: CsvMappingInput, chosenDateFormat: string) {
    this.csv = csv;
    this.chosenDateFormat = chosenDateFormat;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  /** A date format picked: the dates are read again with it, at once. */
  setDateFormat(format: string) {
    const mapping = this.preview?.csvMapping;
    if (!mapping) return;
    this.chosenDateFormat = format;
    this.csv = { ...(this.csv ?? mappingInput(formFromMapping(mapping))), dateFormat: format };
    void this.run();
  }

  /** Back to choosing a file ("Cancel", a new file); the result of a commit stays unless a new file is chosen. */
  reset() {
    this.dispose();
    this.file = null;
    this.preview = null;
    this.progress = null;
    this.error = '';
    this.commitError = '';
    this.chosenDateFormat = '';
    this.rows = [];
    this.toggles = NO_TOGGLES;
    this.unlinked = NO_UNLINKED;
    this.suggested = NO_SUGGESTED;
    this.result = null;
    this.statement = undefined;
    this.csv = undefined;
  }

  /**
   * The import is left (the screen goes, or is reset): a pending re-preview is cancelled, and the
   * preview on screen, not committed, is discarded. The state on screen is left as it is.
   */
  dispose() {
    clearTimeout(this.timer);
    this.abortUpload?.();
    this.sequence++;
    if (this.preview) this.discardUnlessCommitting(this.preview);
  }

  /** A preview being committed is the commit's to use up (a discard could race it). */
  private discardUnlessCommitting(preview: ImportPreviewFieldsFragment) {
    if (this.committingId !== preview.id) discard(preview.id);
  }

  /** Sends the file with the current options; a newer request replaces one still on its way. */
  private async run() {
    if (!this.file || !this.accountId) return;
    clearTimeout(this.timer);
    this.abortUpload?.();
    const sequence = ++this.sequence;
    this.error = '';
    this.progress = 0;
    const options = { statement: this.statement, csv: this.csv };
    const upload = uploadWithProgress(PreviewImportDocument, { accountId: this.accountId, file: this.file, options, first: PAGE }, (fraction) => {
      if (sequence === this.sequence) this.progress = fraction;
    });
    this.abortUpload = upload.abort;
    try {
      const { previewImport } = await upload.promise;
      // Answered after a newer request or a reset: nobody will see or commit it.
      if (sequence !== this.sequence) return discard(previewImport.id);
      const { rows, ...preview } = previewImport;
      if (this.preview && this.preview.id !== preview.id) this.discardUnlessCommitting(this.preview);
      this.preview = preview;
      this.suggested = NO_SUGGESTED;
      this.showRows(null, rows);
      this.toggles = NO_TOGGLES;
      this.unlinked = NO_UNLINKED;
    } catch (failure) {
      if (sequence !== this.sequence || (failure instanceof DOMException && failure.name === 'AbortError')) return;
      this.error = errorSentence(failure);
    } finally {
      if (sequence === this.sequence) this.progress = null;
    }
  }

  private showRows(tab: ImportRowStatus | null, page: ImportRowPageFragment, append = false) {
    this.tab = tab;
    const nodes = page.edges.map((edge) => edge.node);
    this.suggested = withSuggested(this.suggested, nodes);
    this.rows = append ? [...this.rows, ...nodes] : nodes;
    this.rowCount = page.totalCount;
    this.nextCursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  }

  /** The rows of one status (all with null), or the next page of those on screen. */
  async loadRows(tab: ImportRowStatus | null, more = false) {
    const preview = this.preview;
    if (!preview) return;
    this.loadingRows = true;
    this.rowsError = '';
    try {
      const { data } = await client.query({
        query: ImportPreviewRowsDocument,
        variables: { id: preview.id, status: tab, first: PAGE, after: more ? this.nextCursor : null },
        fetchPolicy: 'no-cache',
      });
      if (this.preview !== preview || !data) return;
      this.showRows(tab, data.importPreview.rows, more);
    } catch (failure) {
      this.rowsError = errorSentence(failure);
    } finally {
      this.loadingRows = false;
    }
  }

  tick(row: SelectableRow, ticked: boolean) {
    this.toggles = withTick(this.toggles, row, ticked);
  }

  link(line: number, linked: boolean) {
    this.unlinked = withLink(this.unlinked, line, linked);
  }

  /** The lines a commit would link as transfers now. */
  get linkLines(): number[] {
    return transferLines(this.suggested.values(), this.toggles, this.unlinked);
  }

  async commit() {
    const preview = this.preview;
    if (!preview || this.committing) return;
    this.committing = true;
    this.committingId = preview.id;
    this.commitError = '';
    try {
      const { data } = await client.mutate({ mutation: CommitImportDocument, variables: { previewId: preview.id, ...commitArguments(this.toggles, this.linkLines) } });
      if (!data) throw new Error('The server did not answer the commit.');
      const batch = data.commitImport;
      // The commit used its preview up; a re-preview that came in meanwhile is discarded by reset.
      if (this.preview === preview) this.preview = null;
      this.reset();
      this.result = batch;
      await refreshActiveQueries();
    } catch (failure) {
      this.commitError = errorSentence(failure);
    } finally {
      this.committing = false;
      this.committingId = undefined;
    }
  }
}

/**
 * Drops a preview on the server, fire and forget: if it fails, the preview expires on its own. Sent
 * with keepalive, so it still goes when the page is closing.
 */
function discard(id: string) {
  client.mutate({ mutation: DiscardImportPreviewDocument, variables: { id }, context: { fetchOptions: { keepalive: true } } }).catch(() => undefined);
}
