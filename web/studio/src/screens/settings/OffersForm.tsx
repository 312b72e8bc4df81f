import type { Language } from '../../strings';
import { ItemList } from './collections';
import { fieldId, getAt, pathText } from './documentPath';
import type { Path } from './documentPath';
import { ChecksField, ListField, NumberField, SelectField, TextField, useForm } from './fields';
import { settingsStrings } from './settingsStrings';

/** What the offers form offers to choose from. */
export interface OfferChoices {
  readonly reasons: readonly string[];
  readonly tiers: readonly string[];
  readonly topics: readonly string[];
  readonly propensities: readonly string[];
}

/** The contact policy (holdout, caps, cool-down) and the catalogue: texts in both languages, who may get each offer, topics, dates. */
export function OffersForm({ language, choices }: { language: Language; choices: OfferChoices }) {
  const w = settingsStrings[language];
  const s = ['settings'];
  return (
    <div className="offers">
      <fieldset className="offer-settings" id="offers-settings" tabIndex={-1}>
        <legend>{w.offerSettings}</legend>
        <div className="grid">
          <NumberField at={[...s, 'holdout_share']} label={w.holdoutShare} hint={w.holdoutShareHint} step={0.01} placeholder={w.byDefault} />
          <TextField at={[...s, 'holdout_salt']} label={w.holdoutSalt} hint={w.holdoutSaltHint} optional placeholder={w.byDefault} />
          <NumberField at={[...s, 'customer_cap', 'count']} label={w.capCount} step={1} placeholder={w.byDefault} />
          <NumberField at={[...s, 'customer_cap', 'days']} label={w.capDays} step={1} placeholder={w.byDefault} />
          <NumberField at={[...s, 'decline_cooldown_days']} label={w.cooldown} step={1} placeholder={w.byDefault} />
          <NumberField at={[...s, 'relevance_floor']} label={w.relevanceFloor} hint={w.zeroToOne} step={0.05} placeholder={w.byDefault} />
          <NumberField at={[...s, 'recent_turns']} label={w.recentTurns} step={1} placeholder={w.byDefault} />
          <NumberField at={[...s, 'negative_sentiment']} label={w.negativeSentiment} hint={w.negativeThresholdHint} step={0.1} placeholder={w.byDefault} />
          <SelectField at={[...s, 'propensity']} label={w.propensity} options={choices.propensities.map((p) => ({ value: p, label: w.propensityMode(p) }))} empty={w.byDefault} />
          <ListField at={[...s, 'channels']} label={w.channels} hint={w.commaSeparated} />
        </div>
        <ChecksField at={[...s, 'block_after_escalation']} label={w.blockAfter} options={choices.reasons.map((r) => ({ value: r, label: w.reason(r) }))} />
      </fieldset>
      <ItemList
        at={['offers']}
        language={language}
        legend={w.offers}
        itemTitle={(o, i) => String((o.title as Record<string, string> | undefined)?.[language] || o.id || i + 1)}
        addLabel={w.addOffer}
        fresh={() => ({ id: 'new-offer', product: 'product', group: 'group', value: 1, title: { 'en-US': '', 'zh-CN': '' }, text: { 'en-US': '', 'zh-CN': '' }, topics: {} })}
        item={(at) => <OfferFields at={at} language={language} choices={choices} />}
      />
    </div>
  );
}

function OfferFields({ at, language, choices }: { at: Path; language: Language; choices: OfferChoices }) {
  const w = settingsStrings[language];
  const form = useForm();
  const topics = Object.keys((getAt(form.doc, [...at, 'topics']) as Record<string, number> | undefined) ?? {});
  const allTopics = [...choices.topics, ...topics.filter((t) => !choices.topics.includes(t))];
  const e = [...at, 'eligibility'];
  return (
    <>
      <TextField at={[...at, 'id']} label={w.offerId} hint={w.offerIdHint} />
      <TextField at={[...at, 'product']} label={w.product} />
      <TextField at={[...at, 'group']} label={w.group} hint={w.groupHint} />
      <NumberField at={[...at, 'value']} label={w.offerValue} />
      <NumberField at={[...at, 'lever']} label={w.lever} hint={w.leverHint} />
      <TextField at={[...at, 'image_url']} label={w.imageUrl} optional placeholder="https://" />
      <TextField at={[...at, 'title', 'en-US']} label={w.titleEn} className="half" />
      <TextField at={[...at, 'title', 'zh-CN']} label={w.titleZh} className="half" />
      <TextField at={[...at, 'text', 'en-US']} label={w.textEn} multiline className="half" />
      <TextField at={[...at, 'text', 'zh-CN']} label={w.textZh} multiline className="half" />
      <TextField at={[...at, 'valid_from']} label={w.validFrom} optional placeholder="YYYY-MM-DD" />
      <TextField at={[...at, 'valid_until']} label={w.validUntil} optional placeholder="YYYY-MM-DD" />
      <ChecksField at={[...e, 'tiers']} label={w.eligibleTiers} options={choices.tiers.map((t) => ({ value: t, label: t }))} hint={w.noneMeansAll} />
      <ChecksField at={[...e, 'locales']} label={w.eligibleLocales} options={[{ value: 'en-US', label: 'en-US' }, { value: 'zh-CN', label: 'zh-CN' }]} hint={w.noneMeansAll} />
      <ListField at={[...e, 'segments']} label={w.segments} hint={w.commaSeparated} />
      <NumberField at={[...e, 'min_tenure_months']} label={w.minTenure} />
      <NumberField at={[...e, 'min_spend']} label={w.minSpend} />
      <ListField at={[...at, 'applicability', 'not_holding']} label={w.notHolding} hint={w.commaSeparated} />
      <ListField at={[...at, 'applicability', 'requires_holding']} label={w.requiresHolding} hint={w.commaSeparated} />
      <ListField at={[...at, 'suitability', 'exclude_tags']} label={w.excludeTags} hint={w.commaSeparated} />
      <ListField at={[...at, 'suitability', 'exclude_segments']} label={w.excludeSegments} hint={w.commaSeparated} />
      <NumberField at={[...at, 'caps', 'total_impressions']} label={w.totalImpressions} step={1} />
      <NumberField at={[...at, 'caps', 'per_customer_days']} label={w.perCustomerDays} step={1} />
      <fieldset className="topics wide" id={fieldId(form.idPrefix, pathText([...at, 'topics']))} tabIndex={-1}>
        <legend>{w.offerTopics}</legend>
        <small className="field-hint">{w.offerTopicsHint}</small>
        <div className="grid">
          {allTopics.map((t) => (
            <NumberField key={t} at={[...at, 'topics', t]} label={t} step={0.1} />
          ))}
        </div>
      </fieldset>
    </>
  );
}
