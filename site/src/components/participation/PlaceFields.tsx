/**
 * Where something is, as the report and pact forms ask it: the comune (required), a point on the map
 * (which moves to the chosen comune) and an address or landmark.
 */
import { useState } from 'react';
import { LIMITS } from '@coesione/model';
import { SelectField, TextField } from './Fields';
import PointPicker from './PointPicker';

export interface PlaceFieldsProps {
  /** The form's id prefix: the controls are `<prefix>-comune`, `<prefix>-map` and `<prefix>-address`. */
  prefix: string;
  comuni: { istat: string; name: string; lat: number; lng: number }[];
  tileUrl: string;
  attribution: string;
  errorOf: (field: string) => string | undefined;
}

/** The ids of the place controls, for the form's field → control map (the error summary's links). */
export const placeIds = (prefix: string) => ({ comune: `${prefix}-comune`, latitude: `${prefix}-map`, longitude: `${prefix}-map`, address: `${prefix}-address` });

export default function PlaceFields({ prefix, comuni, tileUrl, attribution, errorOf }: PlaceFieldsProps) {
  const [comune, setComune] = useState('');
  const ids = placeIds(prefix);
  return (
    <>
      <SelectField
        id={ids.comune}
        name="comune"
        label="Comune"
        required
        placeholder="Scegli il comune"
        options={comuni.map((c) => [c.istat, c.name] as const)}
        error={errorOf('comune')}
        onChange={setComune}
      />
      <PointPicker id={ids.latitude} comuni={comuni} comune={comune} tileUrl={tileUrl} attribution={attribution} error={errorOf('latitude') ?? errorOf('longitude')} />
      <TextField id={ids.address} name="address" label="Indirizzo o luogo" hint={`Via e numero civico, oppure un luogo riconoscibile; al massimo ${LIMITS.short} caratteri.`} error={errorOf('address')} />
    </>
  );
}
