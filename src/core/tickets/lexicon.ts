/**
 * Word lists for churn-intent detection (see churn-intent.ts for how they combine). All entries
 * are lower case; tokens are compared after lower-casing and normalising apostrophes.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Verbs whose bare use, or use on the subscription itself, means leaving ("we're cancelling"). */
export const CANCEL_VERBS = set(`
  cancel cancels cancelled canceled cancelling canceling cancellation cancelation
  kündigen kündige cancelar résilier resilier annuler
`);

/** Verbs that mean leaving only with the subscription/account as their object ("end our contract"). */
export const END_VERBS = set(`
  end ending terminate terminates terminating termination stop stopping pause pausing
  discontinue discontinuing close closing delete deleting deactivate deactivating shut shutting
  closure deletion deactivation supprimer cerrar
`);

/** Things a customer cancels or ends when leaving. Prefix "subscri" also counts (typos). */
export const SUB_OBJECTS = set(`
  subscription subscriptions plan contract agreement account acount accounts membership license
  licence renewal auto-renewal autorenewal auto-renew renewals service trial workspace organization
  org everything compte cuenta suscripcion suscripción abonnement vertrag relationship thing
`);

/** Things a customer may cancel without leaving ("cancel the invoice", "cancel the meeting"). */
export const OTHER_OBJECTS = set(`
  invoice invoices payment payments charge charges order orders export exports job jobs meeting
  meetings invite invites invitation invitations call calls ticket tickets sync import imports report
  reports event events session sessions booking appointment demo webinar request requests transaction
  transfer upload uploads download run task tasks reservation shipment notification notifications
  email emails campaign workflow automation draft user user's users member members seat seats
  onboarding training integration integrations fee fees policy project projects
`);

/** Determiners and modifiers allowed between an END verb and its object ("shut down the whole workspace"). */
export const OBJECT_FILLERS = set(`
  our my the this your us whole entire paid company team admin main current annual monthly auto
  down mon ma notre la el nuestra mi
`);

/** Words after a MOVE verb and before "to" ("move everything to Notion"). */
export const MOVE_FILLERS = set(`
  everything all over back our my us data stuff team whole entire company business operations
  workflows completely fully eventually entirely most of half the
`);

/** MOVE verbs: "switch to X", "moving to X", "migrate to X"; bare at the end of a clause too. */
export const MOVE_VERBS = set(`
  switch switches switching switched move moves moving moved migrate migrates migrating migrated
  transition transitioning
`);

/** Words that, right after "to", name something of ours rather than a competitor. */
export const INTERNAL_TARGETS = set(`
  your you yours annual monthly quarterly yearly billing plan plans tier enterprise pro premium
  starter basic business team version editor ui interface dashboard theme mode view v2 v3 api new
  latest beta dark light sso page tab settings account workspace office invoice invoices card login
  calendar sheets drive integration sync auth dashboards layout design app's us
`);

/** Words that, after "to"/"with"/"for", name somewhere else to go. */
export const COMPETITOR_TARGETS = set(`
  another different other competitor competitors competitor's cheaper alternative alternatives
  something elsewhere spreadsheets spreadsheet excel paper in-house homegrown someone
`);

/** Nouns that make "other/another/different X" a vendor ("other vendors", "another tool"). */
export const VENDOR_NOUNS = set(`
  vendor vendors option options provider providers tool tools solution solutions platform platforms
  service services product products system systems app apps software company companies supplier
  suppliers offering offerings crm crms helpdesk erp suite
`);

/** Verbs of shopping around: before "alternatives" / "other vendors" / "a competitor". */
export const SEEK_VERBS = set(`
  look looking looked explore exploring evaluate evaluating evaluated consider considering
  research researching check checking seek seeking search searching find finding found investigate
  investigating review reviewing compare comparing comparison weigh weighing trial trialing
  trialling trying test testing chosen choose chose choosing picked pick selected select shop
  shopping talk talking talked speak speaking
`);

/** Verbs of staying: their negation is the intent ("we will not be renewing"). */
export const STAY_VERBS = set(`
  renew renews renewing auto-renew continue continuing stay staying stick sticking
`);

/** After "continue"/"stay", what makes it about the relationship ("continue with you"). */
export const STAY_CONTEXT = set(`
  with using to on customers customer around after beyond past at when once next this in for
`);

/** Time and condition words that may follow a bare leave verb ("we'll be switching at renewal"). */
export const BARE_FOLLOWERS = set(`
  at when by after before in next soon this once if unless asap now too entirely completely
  eventually tbh honestly then today tomorrow immediately please pls unfortunately anyway
  altogether for-good
`);

/** Plain negators; any token ending in "n't" also counts. */
export const NEGATORS = set(`
  not no never cannot without nor unable dont wont cant doesnt didnt isnt arent wouldnt shouldnt
  havent hasnt werent wasnt aint neither
`);

/** Doubt about staying counts as intent ("not sure we'll renew", "deciding whether to renew"). */
export const DOUBT_MARKERS = set(`
  whether unsure doubt doubtful reconsider reconsidering rethinking rethink reevaluating
  re-evaluating questioning
`);

/** A subject starting a new proposition stops a negation's scope ("if it isn't fixed we cancel"). */
export const SCOPE_BREAKERS = set(`
  we we're we'll we've we'd i i'm i'll i've i'd they they're they'll you you're you'll it it's
  this that which who and or so then if unless because since when
`);

/** Objects a downgrade can apply to without being a downgrade of the subscription. */
export const DOWNGRADE_NON_OBJECTS = set(`
  user users member members role roles permission permissions guest guests editor viewer admin
  seat's user's their his her
`);

/** Entry-level plan words: "dropping down to the Basic tier". */
export const LOWER_PLANS = set(`free basic starter lite lower cheaper smaller smallest entry essentials`);

/** Days and months look like names after "to" but are not competitors. */
export const NOT_NAMES = set(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december i
`);

/** What "no longer need" / "won't need" must be about to be leaving. */
export const NEED_OBJECTS = set(`
  tool service product subscription account license platform renewal software you
`);

/** Auxiliaries of a passive ("the call was cancelled"): the object then comes before the verb. */
export const PASSIVE_AUX = set(`was were been got get is are be being`);

/** Skipped before a target ("switch to a competitor"). */
export const DETERMINERS = set(`a an the some to our my`);

/** Words that open a noun phrase: after "cancel" they introduce its object. */
export const ARTICLES = set(`the a an this that these those my our your their his her its all any one`);

/** Nouns of ending that take "of" ("the closure of our account"). */
export const NOMINAL_ENDS = set(`closure termination deletion deactivation`);

/** "take/bring our team over to X". */
export const TAKE_VERBS = set(`take taking took bring bringing moving`);

/** "churn" as a metric, not a verb ("churn rate"). */
export const CHURN_NOUN_FOLLOWERS = set(`
  rate rates risk report reports prediction predictions analysis analytics dashboard metric metrics
  score scores data model
`);

/** Offboarding people is not offboarding the customer. */
export const OFFBOARD_OBJECTS = set(`
  of a an the user users employee employees staff member members people contractor contractors guest
  guests
`);

/** Verbs of going down to a lower plan ("dropping down to the Basic tier", "scale back to Starter"). */
export const DOWN_VERBS = set(`
  drop dropping reduce reducing step stepping go going fall falling move moving switch switching
  scale scaling cut cutting
`);

/** Sought instead of us: "evaluating replacements", "looking at alternatives". */
export const REPLACEMENT_NOUNS = set(`alternatives alternative replacement replacements substitute`);

/** "continue/stay with you". */
export const STAY_WITH = set(`you your this it y'all us`);

/** "switching providers". */
export const PLURAL_VENDORS = set(`providers vendors tools platforms solutions systems products`);
