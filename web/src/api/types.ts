// Small TypeScript shapes for the parts of the contracts the UI uses (protos/weerbaarheid/*/v1/*.proto),
// in their proto3 JSON form: camelCase names, enums as strings, Timestamps as RFC 3339 strings. Default
// values may be omitted by the server, so everything is optional unless the UI cannot work without it.

export interface LocalizedText {
  nl?: string;
  en?: string;
}

/** google.type.Date */
export interface DateValue {
  year?: number;
  month?: number;
  day?: number;
}

// ---- weerbaarheid.self_test.v1 --------------------------------------------------------------------

export type Severity = 'SEVERITY_UNSPECIFIED' | 'SEVERITY_NONE' | 'SEVERITY_MILD' | 'SEVERITY_MODERATE' | 'SEVERITY_SEVERE' | 'SEVERITY_URGENT';

export interface AnswerOption {
  value?: number;
  label?: LocalizedText;
}

export interface Item {
  number: number;
  text?: LocalizedText;
  options?: AnswerOption[];
}

export interface InstrumentSource {
  citation?: string;
  copyright?: string;
  termsOfUse?: LocalizedText;
  url?: string;
}

export interface Instrument {
  name: string;
  id?: string;
  version?: number;
  title?: LocalizedText;
  description?: LocalizedText;
  instruction?: LocalizedText;
  items?: Item[];
  totalLabel?: LocalizedText;
  minimumTotal?: number;
  maximumTotal?: number;
  source?: InstrumentSource;
}

export interface ListInstrumentsResponse {
  instruments?: Instrument[];
}

export interface StartSelfTestResponse {
  token: string;
  instrument?: Instrument;
  expiresOn?: DateValue;
}

export interface SubmitAnswersResponse {
  answered?: number;
  missingItems?: number[];
  finished?: boolean;
}

export interface HelpContact {
  label?: LocalizedText;
  phone?: string;
  howToReach?: LocalizedText;
  availability?: LocalizedText;
}

export interface UrgentHelp {
  message?: LocalizedText;
  contacts?: HelpContact[];
}

export interface SelfTestResult {
  instrument?: string;
  title?: LocalizedText;
  rawTotal?: number;
  total?: number;
  maximumTotal?: number;
  subscales?: { id?: string; label?: LocalizedText; score?: number; endorsed?: number; itemCount?: number }[];
  band?: { id?: string; label?: LocalizedText; advice?: LocalizedText; from?: number; to?: number };
  rules?: { id?: string; label?: LocalizedText; triggered?: boolean; advice?: LocalizedText }[];
  severity?: Severity;
  urgentHelp?: UrgentHelp;
  recommendations?: {
    offering?: string;
    title?: LocalizedText;
    summary?: LocalizedText;
    reason?: LocalizedText;
    aroundTheClock?: boolean;
    accessUrl?: string;
  }[];
  recommendationSource?: string;
  recommendationNote?: LocalizedText;
  completedWeek?: string;
  expiresOn?: DateValue;
  source?: InstrumentSource;
}

export interface GetResultResponse {
  result?: SelfTestResult;
}

// ---- weerbaarheid.offerings.v1 --------------------------------------------------------------------

export const AUDIENCES = [
  'AUDIENCE_EMPLOYEE',
  'AUDIENCE_MANAGER',
  'AUDIENCE_TEAM',
  'AUDIENCE_PARTNER_FAMILY',
  'AUDIENCE_FORMER_EMPLOYEE',
  'AUDIENCE_ORGANISATION',
] as const;

export const TOPICS = [
  'TOPIC_STRESS',
  'TOPIC_BURNOUT',
  'TOPIC_PTSD',
  'TOPIC_HEAVY_INCIDENT',
  'TOPIC_UNSAFE_WORKPLACE',
  'TOPIC_PHYSICAL_CONDITION',
  'TOPIC_TEAM_REFLECTION',
  'TOPIC_RETURN_TO_WORK',
  'TOPIC_RESILIENCE',
  'TOPIC_HOME_SITUATION',
  'TOPIC_WORKPLACE_RISKS',
  'TOPIC_EARLY_SIGNALS',
] as const;

export const CATEGORIES = [
  'CATEGORY_PREVENTION',
  'CATEGORY_SELF_HELP',
  'CATEGORY_PEER_SUPPORT',
  'CATEGORY_PROFESSIONAL_HELP',
  'CATEGORY_TRAINING',
  'CATEGORY_TEAM_DEVELOPMENT',
  'CATEGORY_ORGANISATIONAL',
  'CATEGORY_PARTNERS_AND_FAMILY',
  'CATEGORY_AFTERCARE',
] as const;

export interface ContactChannel {
  kind?: string;
  value?: string;
  label?: LocalizedText;
  aroundTheClock?: boolean;
}

export interface Offering {
  name: string;
  title?: LocalizedText;
  summary?: LocalizedText;
  description?: LocalizedText;
  category?: string;
  audiences?: string[];
  topics?: string[];
  availability?: { aroundTheClock?: boolean; hours?: LocalizedText };
  access?: { method?: string; url?: string; instructions?: LocalizedText };
  contactChannels?: ContactChannel[];
  eligibility?: LocalizedText;
  provider?: string;
  state?: string;
}

export interface ListOfferingsResponse {
  offerings?: Offering[];
  nextPageToken?: string;
}

// ---- weerbaarheid.peer_support.v1 (dispatch.proto) ---------------------------------------------------

export type Urgency = 'URGENCY_UNSPECIFIED' | 'URGENCY_IMMEDIATE' | 'URGENCY_WITHIN_24_HOURS' | 'URGENCY_ROUTINE';

export interface Colleague {
  employeeId?: string;
  team?: string;
  contact?: string;
}

export interface Offer {
  number?: number;
  member?: string;
  region?: string;
  reason?: string;
  offerTime?: string;
  deadline?: string;
  outcome?: string;
  answerTime?: string;
  declineReason?: string;
}

export interface Dispatch {
  name: string;
  region?: string;
  incidentReference?: string;
  occurredAt?: string;
  colleague?: Colleague;
  urgency?: Urgency;
  requester?: string;
  state?: string;
  offers?: Offer[];
  alertedCoordinator?: string;
  supportCase?: string;
  createTime?: string;
}

export interface ListDispatchesResponse {
  dispatches?: Dispatch[];
  nextPageToken?: string;
}

export interface DispatchOffer {
  dispatch: string;
  offerNumber?: number;
  region?: string;
  incidentReference?: string;
  occurredAt?: string;
  colleague?: Colleague;
  urgency?: Urgency;
  requester?: string;
  deadline?: string;
  reason?: string;
  coordinatorAlert?: boolean;
  resumeToken?: string;
}

export interface WatchDispatchesResponse {
  offer?: DispatchOffer;
  heartbeat?: { serverTime?: string };
}

export const CASE_OUTCOMES = ['CASE_OUTCOME_CLOSED', 'CASE_OUTCOME_REFERRED', 'CASE_OUTCOME_DECLINED_BY_COLLEAGUE'] as const;
export const REFERRAL_TARGETS = ['REFERRAL_TARGET_COMPANY_SOCIAL_WORK', 'REFERRAL_TARGET_PSYCHOLOGIST', 'REFERRAL_TARGET_COMPANY_DOCTOR'] as const;

export interface SupportCase {
  name: string;
  dispatch?: string;
  region?: string;
  supporter?: string;
  colleague?: Colleague;
  openTime?: string;
  firstContactDue?: string;
  followUpsDue?: string[];
  contactTimes?: string[];
  outcome?: string;
  referral?: string;
  closeTime?: string;
  firstContactMissed?: boolean;
  anonymised?: boolean;
}

export interface AcceptDispatchResponse {
  dispatch?: Dispatch;
  supportCase?: SupportCase;
}

export interface ListSupportCasesResponse {
  supportCases?: SupportCase[];
  nextPageToken?: string;
}

// ---- weerbaarheid.peer_support.v1 (rota.proto) -------------------------------------------------------

export interface OnCallMember {
  member?: string;
  displayName?: string;
  team?: string;
  languages?: string[];
  shiftEndTime?: string;
}

export interface GetOnCallResponse {
  primary?: OnCallMember;
  backup?: OnCallMember;
  coordinator?: OnCallMember;
  atTime?: string;
}

export interface Shift {
  member?: string;
  memberDisplayName?: string;
  region?: string;
  schedule?: string;
  startTime?: string;
  endTime?: string;
  fromOverride?: boolean;
}

export interface ListShiftsResponse {
  shifts?: Shift[];
}

export interface CoverageGap {
  region?: string;
  schedule?: string;
  startTime?: string;
  endTime?: string;
}

export interface ListCoverageGapsResponse {
  gaps?: CoverageGap[];
}

export interface ShiftSwap {
  name: string;
  schedule?: string;
  requestedBy?: string;
  startTime?: string;
  endTime?: string;
  note?: string;
  state?: string;
  takenBy?: string;
  createTime?: string;
}

export interface ListShiftSwapsResponse {
  shiftSwaps?: ShiftSwap[];
  nextPageToken?: string;
}

export interface CalendarFeedResponse {
  url?: string;
}
