import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../../shared/participant';
import { useLocalized } from '../../../lib/localized';
import { useReferenceData } from '../../../lib/reference-data';
import type { Draft } from './draft';

export function ParticipantRolesField({
  value,
  onChange,
}: {
  value: Draft['participants'];
  onChange: (value: Draft['participants']) => void;
}) {
  const { t } = useTranslation();
  const { name } = useLocalized();
  const { participants, participantById } = useReferenceData();
  const [participantId, setParticipantId] = useState<number | ''>('');
  const [role, setRole] = useState<ParticipantRole>('partner');
  const add = () => {
    if (participantId === '' || value.some((r) => r.participantId === participantId && r.role === role)) return;
    onChange([...value, { participantId, role }]);
  };
  return (
    <fieldset className="form-group">
      <legend>{t('edit.participants')}</legend>
      <ul className="role-list">
        {value.map((r) => (
          <li key={`${r.participantId}:${r.role}`}>
            {name(participantById.get(r.participantId))} — {t(`role.${r.role}`)}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(value.filter((x) => x !== r))}
              aria-label={`${t('edit.remove')}: ${name(participantById.get(r.participantId))}, ${t(`role.${r.role}`)}`}
            >
              {t('edit.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="inline-fields">
        <select
          aria-label={t('filters.participant')}
          value={participantId}
          onChange={(e) => setParticipantId(e.target.value ? Number(e.target.value) : '')}
        >
          <option value="" />
          {participants.map((p) => (
            <option key={p.id} value={p.id}>
              {name(p)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('edit.participants')}
          value={role}
          onChange={(e) => setRole(e.target.value as ParticipantRole)}
        >
          {PARTICIPANT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={add}>
          {t('edit.addParticipant')}
        </button>
      </div>
    </fieldset>
  );
}
