/**
 * «Dati di bisogno»: a partner's page in the admin. Download the template, import a month's CSV (with
 * the per-row report in Italian, and the choice to import only the valid rows), see its months and its
 * last import, and download its own figures beside the district's. Records themselves are entered one
 * by one in the content manager («Scheda di bisogno»); this page is for the spreadsheet.
 */
import * as React from 'react';
import { Box, Button, Checkbox, Flex, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

interface RowError {
  row: number;
  field: string;
  message: string;
}
interface Report {
  total: number;
  valid: number;
  stored: number;
  replaced: number;
  months: string[];
  errors: RowError[];
  partial: boolean;
  message: string;
}
interface Summary {
  organization: string;
  months: { month: string; count: number }[];
  lastImport: { at: string; count: number; detail: string } | null;
}

const BASE = '/coesione-needs';
const SHOWN_ERRORS = 200;

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
  const [report, setReport] = React.useState<Report | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [summary, setSummary] = React.useState<Summary | null>(null);

  const refresh = React.useCallback(async () => {
    try {
      setSummary((await get<Summary>(`${BASE}/summary`)).data);
    } catch (error) {
      setProblem((error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'Non riesco a leggere i vostri dati: riprova tra poco.');
    }
  }, [get]);
  React.useEffect(() => void refresh(), [refresh]);

  const download = async (path: string, name: string) => {
    const { data } = await get<string>(`${BASE}/${path}`, { responseType: 'text' });
    save(name, data);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem('Scegli prima il file CSV.');
    setBusy(true);
    setProblem(null);
    setReport(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const { data } = await post<Report>(`${BASE}/import${validOnly ? '?validOnly=1' : ''}`, form, { validateStatus: (s) => s < 500 });
      setReport(data);
      await refresh();
    } catch {
      setProblem('L’importazione non è riuscita per un problema del server: nessun dato è stato perso, riprova tra poco.');
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
            lo sostituisce: nulla viene contato due volte. Le cifre pubbliche escono solo per trimestre e senza valori sotto 5 persone.
          </Typography>
        </Box>

        <Flex gap={4} paddingBottom={6} wrap="wrap">
          <Button variant="secondary" onClick={() => void download('template.csv', 'modello-dati-di-bisogno.csv')}>Scarica il modello CSV</Button>
          <Button variant="secondary" onClick={() => void download('figures.csv', 'cifre-del-vostro-ente.csv')}>Scarica le vostre cifre e quelle del distretto</Button>
        </Flex>

        <Box tag="form" onSubmit={submit} background="neutral0" padding={6} hasRadius shadow="tableShadow">
          <Typography variant="delta" tag="h2">Importa un file</Typography>
          <Box paddingTop={4} paddingBottom={4}>
            <label htmlFor="dati-bisogno-file">
              <Typography variant="pi" fontWeight="bold">File CSV (UTF-8 o quello di Excel, separato da punto e virgola)</Typography>
            </label>
            <Box paddingTop={2}>
              <input id="dati-bisogno-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </Box>
          </Box>
          <Checkbox checked={validOnly} onCheckedChange={(v: boolean | 'indeterminate') => setValidOnly(v === true)}>
            Se ci sono errori, importa comunque le righe valide
          </Checkbox>
          <Box paddingTop={4}>
            <Button type="submit" loading={busy} disabled={busy}>Importa</Button>
          </Box>
        </Box>

        <div aria-live="polite">
          {problem && (
            <Box paddingTop={4}>
              <Typography textColor="danger600" tag="p">{problem}</Typography>
            </Box>
          )}
          {report && (
            <Box paddingTop={6}>
              <Typography variant="delta" tag="h2">Esito</Typography>
              <Typography tag="p" textColor={report.stored > 0 ? 'success600' : 'danger600'}>{report.message}</Typography>
              <Typography tag="p" variant="pi">Righe lette {report.total}, valide {report.valid}, importate {report.stored}.</Typography>
              {report.errors.length > 0 && (
                <Box paddingTop={4}>
                  <table>
                    <caption><Typography variant="pi">Righe da correggere{report.errors.length > SHOWN_ERRORS ? ` (le prime ${SHOWN_ERRORS} di ${report.errors.length})` : ''}</Typography></caption>
                    <thead>
                      <tr><th scope="col">Riga</th><th scope="col">Colonna</th><th scope="col">Perché</th></tr>
                    </thead>
                    <tbody>
                      {report.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                        <tr key={i}><td>{e.row}</td><td>{e.field}</td><td>{e.message}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </Box>
              )}
            </Box>
          )}
        </div>

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
