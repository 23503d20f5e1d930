/** The admin path of the «Dati di bisogno» page: register.ts's menu link, and the widget's links to it. */
export const NEEDS_PATH = 'dati-di-bisogno';
