/** «Come proporre un contenuto»: the partners' short guide, a page of the admin (menu and home page link to it). */
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';

const STEPS: { title: string; text: string }[] = [
  {
    title: '1. Da dove cominciare',
    text: 'Apri «Content Manager» nel menu a sinistra, scegli il tipo di scheda (Buona prassi, Opportunità, Laboratorio, Materiale formativo) e premi «Crea una nuova voce». Ogni campo dice a cosa serve, con un esempio.',
  },
  {
    title: '2. Scrivi e salva',
    text: 'Compila almeno titolo, sintesi e luogo, poi premi «Salva». L’indirizzo della pagina si ricava dal titolo. Puoi tornare a modificare la bozza quante volte vuoi: la trovi nella home, in «Le tue proposte».',
  },
  {
    title: '3. Cosa succede dopo',
    text: 'La scheda resta una bozza, visibile solo a te e alla redazione: non sei tu a pubblicarla. Una persona della redazione la legge, la pubblica sul sito oppure te la rimanda con una nota che spiega cosa correggere. La nota compare nella scheda e nella home.',
  },
  {
    title: '4. Quanto ci vuole',
    text: 'Di solito la redazione risponde entro 5 giorni lavorativi. Se la tua proposta è rimandata, correggila e salva: torna in attesa e la redazione la rivede.',
  },
];

export default function HelpPage() {
  return (
    <Page.Main>
      <Page.Title>Come proporre un contenuto</Page.Title>
      <Layouts.Header title="Come proporre un contenuto" subtitle="Guida per gli enti del Terzo Settore del distretto" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {STEPS.map((step) => (
            <Box key={step.title} background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Typography tag="h2" variant="delta">
                {step.title}
              </Typography>
              <Box paddingTop={2}>
                <Typography>{step.text}</Typography>
              </Box>
            </Box>
          ))}
          <Typography>
            Domande? Scrivi alla redazione del distretto. <Link tag={RouterLink} to="/">Torna alla home</Link>
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
