/** The admin path of the «Dati di bisogno» page: register.ts's menu link, and the widget's links to it (declared by the feature, which links to it from the daily e-mail too). */
export { NEEDS_PATH } from '../../features/needs/contract';
