/**
 * «Dati di bisogno»: a partner's page in the admin. Download the template and its list of allowed codes,
 * import a month's CSV in two steps — a trial run that shows, month by month, what would be replaced and
 * the rows to fix (nothing is written), then the confirmation — undo the last import for 24 hours, see its
 * months and download its own figures beside the district's. Records themselves are entered one
 * by one in the content manager («Scheda di bisogno»); this page is for the spreadsheet.
 */
import * as React from 'react';
import { Box, Button, Checkbox, Flex, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { ImportPreview, ImportReport, ImportUndone, PartnerSummary, RowError } from '../../features/needs/contract';

interface Failure {
  response?: { status?: number; data?: { error?: { message?: string }; preview?: ImportPreview } };
}

const BASE = '/coesione-needs';
const SERVER_PROBLEM = 'Il server non ha risposto come previsto: nessun dato è stato modificato, riprova tra poco.';
const messageOf = (error: unknown) => (error as Failure).response?.data?.error?.message ?? SERVER_PROBLEM;

function save(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export default function NeedsPage() {
  const { get, post } = useFetchClient();
  const [file, setFile] = React.useState<File | null>(null);
  const [validOnly, setValidOnly] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [report, setReport] = React.useState<ImportReport | null>(null);
  const [preview, setPreview] = React.useState<ImportPreview | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [confirmUndo, setConfirmUndo] = React.useState(false);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [summary, setSummary] = React.useState<PartnerSummary | null>(null);

  const refresh = React.useCallback(async () => {
    try {
      setSummary((await get<PartnerSummary>(`${BASE}/summary`)).data);
    } catch (error) {
      setProblem((error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'Non riesco a leggere i vostri dati: riprova tra poco.');
    }
  }, [get]);
  React.useEffect(() => void refresh(), [refresh]);

  const download = async (path: string, name: string) => {
    const { data } = await get<string>(`${BASE}/${path}`, { responseType: 'text' });
    save(name, data);
  };

  const upload = () => {
    const form = new FormData();
    if (file) form.append('file', file);
    return form;
  };
  const query = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({ ...(validOnly ? { validOnly: '1' } : {}), ...extra }).toString();
    return params ? `?${params}` : '';
  };
  const start = () => {
    setBusy(true);
    setProblem(null);
    setReport(null);
    setNotice(null);
  };

  /** The trial run: the server reads and checks the file and says what it would replace; nothing is written. */
  const check = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem('Scegli prima il file CSV.');
    start();
    setPreview(null);
    try {
      setPreview((await post<ImportPreview>(`${BASE}/import/preview${query()}`, upload())).data);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  /** The confirmation sends the file again with the preview's plan: the server checks both before replacing. */
  const confirm = async () => {
    if (!file || !preview) return;
    start();
    try {
      const { data } = await post<ImportReport>(`${BASE}/import${query({ plan: preview.plan })}`, upload(), { validateStatus: (s) => s < 500 && s !== 409 });
      setReport(data);
      setPreview(null);
      await refresh();
    } catch (error) {
      const fresh = (error as Failure).response?.data?.preview;
      if (fresh) setPreview(fresh);
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const dismiss = () => {
    setPreview(null);
    setNotice('Importazione non eseguita: nessun dato è stato modificato.');
  };

  const undo = async () => {
    start();
    setConfirmUndo(false);
    try {
      setNotice((await post<ImportUndone>(`${BASE}/import/undo`, {})).data.message);
      await refresh();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Main aria-labelledby="dati-bisogno-titolo">
      <Box padding={8}>
        <Typography variant="alpha" tag="h1" id="dati-bisogno-titolo">Dati di bisogno</Typography>
        <Box paddingTop={2} paddingBottom={6}>
          <Typography variant="epsilon" tag="p">
            Una riga per persona (o nucleo) seguita e per mese, solo con i codici del modello: niente nomi né note. Il codice
            fiscale, se lo indicate, serve solo a contare una persona una volta sola e non viene conservato. Reimportare un mese
            lo sostituisce: nulla viene contato due volte. Le cifre pubbliche escono solo per trimestre, senza valori sotto 5 persone, una volta al mese: un’importazione compare nel rilascio successivo, non subito.
          </Typography>
        </Box>

        <Flex gap={4} paddingBottom={6} wrap="wrap">
          <Button variant="secondary" onClick={() => void download('template.csv', 'modello-dati-di-bisogno.csv')}>Scarica il modello CSV</Button>
          <Button variant="secondary" onClick={() => void download('codes.csv', 'codici-ammessi-dati-di-bisogno.csv')}>Scarica i codici ammessi (bisogni, servizi e altre colonne)</Button>
          <Button variant="secondary" onClick={() => void download('figures.csv', 'cifre-del-vostro-ente.csv')}>Scarica le vostre cifre e quelle del distretto</Button>
        </Flex>

        <Box tag="form" onSubmit={check} background="neutral0" padding={6} hasRadius shadow="tableShadow">
          <Typography variant="delta" tag="h2">Importa un file</Typography>
          <Box paddingTop={2}>
            <Typography variant="pi" tag="p">Prima una prova: vedete cosa cambierebbe, mese per mese, e solo dopo confermate.</Typography>
          </Box>
          <Box paddingTop={4} paddingBottom={4}>
            <label htmlFor="dati-bisogno-file">
              <Typography variant="pi" fontWeight="bold">File CSV (UTF-8 o quello di Excel, separato da punto e virgola)</Typography>
            </label>
            <Box paddingTop={2}>
              <input id="dati-bisogno-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); }} />
            </Box>
          </Box>
          <Checkbox checked={validOnly} onCheckedChange={(v: boolean | 'indeterminate') => { setValidOnly(v === true); setPreview(null); }}>
            Se ci sono errori, importa comunque le righe valide
          </Checkbox>
          <Box paddingTop={4}>
            <Button type="submit" loading={busy && !preview} disabled={busy}>Controlla il file</Button>
          </Box>
        </Box>

        <div aria-live="polite">
          {problem && (
            <Box paddingTop={4}>
              <Typography textColor="danger600" tag="p">{problem}</Typography>
            </Box>
          )}
          {notice && (
            <Box paddingTop={4}>
              <Typography textColor="neutral800" tag="p">{notice}</Typography>
            </Box>
          )}
          {preview && (
            <Box tag="section" aria-labelledby="dati-bisogno-anteprima" paddingTop={6}>
              <Typography variant="delta" tag="h2" id="dati-bisogno-anteprima">Anteprima dell’importazione</Typography>
              <Typography tag="p" textColor={preview.canImport ? 'neutral800' : 'danger600'}>{preview.message}</Typography>
              <Typography tag="p" variant="pi">Righe lette {preview.total}, valide {preview.valid}, con errori {preview.total - preview.valid}.</Typography>
              {preview.lines.length > 0 && (
                <ul>
                  {preview.lines.map((line) => (
                    <li key={line}><Typography>{line}</Typography></li>
                  ))}
                </ul>
              )}
              <ErrorTable errors={preview.errors} count={preview.errorCount} />
              <Flex gap={4} paddingTop={4}>
                {preview.canImport && <Button onClick={() => void confirm()} loading={busy} disabled={busy}>Conferma e importa</Button>}
                <Button variant="tertiary" onClick={dismiss} disabled={busy}>Non importare</Button>
              </Flex>
            </Box>
          )}
          {report && (
            <Box paddingTop={6}>
              <Typography variant="delta" tag="h2">Esito</Typography>
              <Typography tag="p" textColor={report.stored > 0 ? 'success600' : 'danger600'}>{report.message}</Typography>
              <Typography tag="p" variant="pi">Righe lette {report.total}, valide {report.valid}, importate {report.stored}.</Typography>
              <ErrorTable errors={report.errors} count={report.errorCount} />
            </Box>
          )}
        </div>

        {summary?.undo && (
          <Box paddingTop={6}>
            <Typography variant="delta" tag="h2">Annullare l’ultima importazione</Typography>
            <Typography tag="p" variant="pi">
              L’importazione di {summary.undo.months.join(', ')} ({summary.undo.imported} schede, al posto di {summary.undo.replaced}) si può annullare
              fino al {new Date(summary.undo.until).toLocaleString('it-IT')} o fino alla prossima importazione. Annullando, quei mesi tornano
              come erano prima: anche le modifiche fatte dopo a quei mesi si perdono.
            </Typography>
            <Flex gap={4} paddingTop={2}>
              {confirmUndo ? (
                <>
                  <Button variant="danger" onClick={() => void undo()} loading={busy} disabled={busy}>Sì, annulla l’importazione</Button>
                  <Button variant="tertiary" onClick={() => setConfirmUndo(false)}>No, tienila</Button>
                </>
              ) : (
                <Button variant="danger-light" onClick={() => setConfirmUndo(true)} disabled={busy}>Annulla l’ultima importazione</Button>
              )}
            </Flex>
          </Box>
        )}

        {summary && (
          <Box paddingTop={8}>
            <Typography variant="delta" tag="h2">I dati di {summary.organization}</Typography>
            <Typography tag="p" variant="pi">
              {summary.lastImport ? `Ultima importazione: ${new Date(summary.lastImport.at).toLocaleString('it-IT')}, ${summary.lastImport.count} schede (${summary.lastImport.detail}).` : 'Nessuna importazione finora.'}
            </Typography>
            <ul>
              {summary.months.slice(-12).reverse().map((m) => (
                <li key={m.month}><Typography variant="pi">{m.month}: {m.count} schede</Typography></li>
              ))}
            </ul>
          </Box>
        )}
      </Box>
    </Main>
  );
}

/** The rows to fix: the first the server reports, and how many there are in all. */
function ErrorTable({ errors, count }: { errors: RowError[]; count: number }) {
  if (errors.length === 0) return null;
  return (
    <Box paddingTop={4}>
      <table>
        <caption><Typography variant="pi">Righe da correggere{count > errors.length ? ` (le prime ${errors.length} di ${count})` : ''}</Typography></caption>
        <thead>
          <tr><th scope="col">Riga</th><th scope="col">Colonna</th><th scope="col">Perché</th></tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}><td>{e.row}</td><td>{e.field}</td><td>{e.message}</td></tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
