// Settings → automatic assignment: the mode, the staff who take part, the channels it covers.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { AutoAssignMode, AutoAssignment } from "../api/types";
import { useSession } from "../app/session";
import { ErrorText } from "../app/ui";
import { useI18n } from "../i18n";
import { useChannels, useMembers } from "../inbox/hooks";
import { useSave } from "./useSave";

const MODES: AutoAssignMode[] = ["off", "round_robin", "first_reply"];

function toggle(list: number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
}

export function AssignmentSettings() {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  const current = useQuery({ queryKey: keys.autoAssignment, queryFn: api.autoAssignment.get });
  const members = useMembers();
  const channels = useChannels();
  const [form, setForm] = useState<AutoAssignment | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form]);
  const save = useSave((body: AutoAssignment) => api.autoAssignment.set(body), keys.autoAssignment, (r) => {
    setForm(r);
    setSaved(true);
  });
  const active = (members.data?.items ?? []).filter((m) => m.is_active);
  return (
    <section data-testid="assignment-settings">
      <h2>{t("settings.assignment")}</h2>
      <ErrorText error={current.error ?? members.error} />
      {!isAdmin ? <p className="muted">{t("assign.adminOnly")}</p> : null}
      {form ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate(form);
          }}
        >
          <fieldset disabled={!isAdmin}>
            <legend>{t("assign.mode")}</legend>
            {MODES.map((mode) => (
              <label key={mode} className="check check-top">
                <input type="radio" name="assign_mode" value={mode} checked={form.mode === mode} onChange={() => setForm({ ...form, mode })} />
                <span>
                  <strong>{t(`assign.mode.${mode}`)}</strong>
                  <br />
                  <span className="muted">{t(`assign.modeHelp.${mode}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {form.mode !== "off" ? (
            <>
              <fieldset disabled={!isAdmin} data-testid="assign-members">
                <legend>{t("assign.members")}</legend>
                <p className="muted">{t("assign.membersHelp")}</p>
                {active.map((m) => (
                  <label key={m.user_id} className="check" data-member={m.name}>
                    <input
                      type="checkbox"
                      checked={form.member_ids.includes(m.user_id)}
                      onChange={(e) => setForm({ ...form, member_ids: toggle(form.member_ids, m.user_id, e.target.checked) })}
                    />
                    {m.name} <span className="muted">({t(`role.${m.role}`)})</span>
                  </label>
                ))}
              </fieldset>
              <fieldset disabled={!isAdmin}>
                <legend>{t("assign.channels")}</legend>
                <p className="muted">{t("assign.channelsHelp")}</p>
                {(channels.data?.items ?? []).map((c) => (
                  <label key={c.id} className="check">
                    <input
                      type="checkbox"
                      checked={form.channel_ids.includes(c.id)}
                      onChange={(e) => setForm({ ...form, channel_ids: toggle(form.channel_ids, c.id, e.target.checked) })}
                    />
                    {c.name}
                  </label>
                ))}
              </fieldset>
            </>
          ) : null}
          <ErrorText error={save.error} />
          {isAdmin ? (
            <div className="row-actions">
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {t("common.save")}
              </button>
              {saved && !save.isPending ? (
                <span className="muted" role="status">
                  {t("common.saved")}
                </span>
              ) : null}
            </div>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
