//! The message catalogue: every UI string in Japanese and English, the current language, and the
//! language-dependent formatting of instants, counts and pages.

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use leptos::prelude::*;
use senkoi_domain::DomainError;
use senkoi_domain::announcement::Audience;
use senkoi_domain::application::ApplicationStatus;
use senkoi_domain::error;
use senkoi_domain::registration::Gender;
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::to_jst;

/// The UI language. Japanese is the default: residents are doctors licensed in Japan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The BCP 47 tag, also the value kept in localStorage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// Picks the Japanese or English one of a pair, e.g. the `name_ja`/`name_en` of reference data.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// Declares the catalogue: the keys ([`Msg`]), their texts and the list of all keys, so that a
/// key cannot exist without both languages.
macro_rules! catalogue {
    ($($key:ident => ($ja:expr, $en:expr $(,)?),)*) => {
        /// A key of the catalogue. Components name the key; the text lives only in the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every key, for the catalogue's tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// (Japanese, English).
            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$key => ($ja, $en),)*
                }
            }
        }
    };
}

catalogue! {
    SystemName => ("専攻医登録・応募システム", "Senkoi — Specialty Resident Registration"),
    SystemSubtitle => ("専門研修プログラムの検索と応募", "Search and apply for specialty training"),
    SkipToContent => ("本文へ移動", "Skip to main content"),
    MainNavigation => ("メインメニュー", "Main menu"),
    NavHome => ("ホーム", "Home"),
    NavSchedule => ("マスタースケジュール", "Master schedule"),
    NavPrograms => ("専門研修プログラム検索", "Program search"),
    // The label of the toggle: the name of the *other* language.
    LangToggle => ("English", "日本語"),
    LangToggleLabel => ("Switch to English", "日本語に切り替える"),
    FooterAbout => (
        "Senkoi — 専攻医登録・応募システム（オープンソース）",
        "Senkoi — specialty resident registration and application system (open source)",
    ),
    FooterTimeZone => (
        "日時はすべて日本時間（JST, UTC+9）で表示しています。締切はいずれも正午です。",
        "All dates and times are Japan Standard Time (JST, UTC+9). Every deadline is at noon.",
    ),
    Loading => ("読み込み中…", "Loading…"),
    ErrorHeading => ("エラーが発生しました", "Something went wrong"),
    ErrorNetwork => (
        "サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。",
        "Could not reach the server. Check your connection and try again.",
    ),
    ErrorUnexpected => (
        "予期しないエラーが発生しました。時間をおいて、もう一度お試しください。",
        "An unexpected error occurred. Please try again later.",
    ),
    Retry => ("再読み込み", "Try again"),
    HomeTitle => ("ホーム", "Home"),
    HomeLead => (
        "専攻医の登録、専門研修プログラムの検索と応募を行うシステムです。",
        "Register as a specialty resident, search specialty training programs and apply.",
    ),
    Announcements => ("インフォメーション", "Announcements"),
    NoAnnouncements => ("現在、お知らせはありません。", "There are no announcements."),
    AudienceAll => ("全員", "Everyone"),
    AudienceResidents => ("専攻医向け", "For residents"),
    AudienceDirectors => ("統括責任者向け", "For program directors"),
    HomeScheduleCardTitle => ("マスタースケジュール", "Master schedule"),
    HomeScheduleCardText => (
        "各募集の応募期間・採用調整期間・採用結果通知の日程を確認できます。",
        "Application, adjustment and result dates of each recruitment round.",
    ),
    HomeSearchCardTitle => ("専門研修プログラム検索", "Search training programs"),
    HomeSearchCardText => (
        "基本領域・都道府県・施設名・プログラム名で専門研修プログラムを探せます。",
        "Find specialty training programs by specialty, prefecture, facility or name.",
    ),
    ScheduleTitle => ("マスタースケジュール", "Master schedule"),
    ScheduleLead => (
        "年度ごとの募集日程です。日時は日本時間で、締切はいずれも正午です。",
        "The recruitment rounds of each year. Times are Japan time; deadlines are at noon.",
    ),
    ScheduleYear => ("年度", "Year"),
    ScheduleNoRounds => (
        "この年度の募集日程はまだ公開されていません。",
        "No rounds have been published for this year yet.",
    ),
    ScheduleCaption => ("募集日程", "Recruitment rounds"),
    ColRound => ("募集", "Round"),
    ColApplicationPeriod => ("応募期間", "Application period"),
    ColAdjustmentPeriod => ("採用調整期間", "Adjustment period"),
    ColConfirmationPeriod => ("募集実施確認期間", "Confirmation period"),
    ColCurrentRound => ("現在の募集・期限", "Current round and deadline"),
    ColUndecided => ("未処理", "Undecided"),
    CeilingCell => ("対象", "Prefecture and specialty"),
    CeilingConfirmTitle => ("採用調整期間中のシーリング変更", "Change a ceiling during the adjustment period?"),
    CeilingConfirmText => ("いま採用調整期間中の募集があります。シーリングを変更すると、統括責任者の採否登録に直ちに影響します。", "A round is in its adjustment period: the change bears at once on the decisions directors are making."),
    ConfirmResultsWhen => ("募集実施確認は、募集実施確認期間に行います：", "The results are confirmed in the confirmation period:"),
    DeadlineUntil => ("締切", "until"),
    ColResults => ("採用結果通知", "Result notification"),
    PeriodTo => ("〜", "to"),
    NoPeriod => ("—", "—"),
    SearchTitle => ("専門研修プログラム検索", "Program search"),
    SearchLead => (
        "条件はすべて満たすもの（AND）で検索します。空欄の条件は指定なしとなります。",
        "Programs matching all the given conditions are shown; empty fields are ignored.",
    ),
    SearchFormLabel => ("検索条件", "Search conditions"),
    FieldSpecialty => ("基本領域", "Specialty"),
    FieldPrefecture => ("都道府県", "Prefecture"),
    FieldFacility => ("基幹施設名", "Base facility name"),
    FieldProgramName => ("プログラム名", "Program name"),
    AnySpecialty => ("すべての基本領域", "All specialties"),
    AnyPrefecture => ("すべての都道府県", "All prefectures"),
    FacilityPlaceholder => ("例：大学病院", "e.g. University Hospital"),
    ProgramNamePlaceholder => ("名称の一部", "Part of the name"),
    SearchButton => ("検索", "Search"),
    ClearButton => ("条件をクリア", "Clear"),
    SearchResults => ("検索結果", "Results"),
    NoResults => (
        "条件に合う専門研修プログラムはありません。条件を変えて検索してください。",
        "No programs match these conditions. Try other conditions.",
    ),
    ColProgramName => ("プログラム名", "Program"),
    ColSpecialty => ("基本領域", "Specialty"),
    ColPrefecture => ("都道府県", "Prefecture"),
    ColBaseFacility => ("基幹施設", "Base facility"),
    ColCapacity => ("定員", "Capacity"),
    ColApplicants => ("応募者数", "Applicants"),
    OverCapacityMark => ("定員超過", "over capacity"),
    PrevPage => ("前へ", "Previous"),
    NextPage => ("次へ", "Next"),
    PaginationLabel => ("ページ送り", "Pages"),
    ResearcherCourseBadge => ("臨床研究医コース", "Clinical researcher course"),
    DetailBackToSearch => ("検索結果に戻る", "Back to search"),
    DetailBaseFacility => ("基幹施設", "Base facility"),
    DetailAffiliatedFacilities => ("連携施設", "Affiliated facilities"),
    DetailNoAffiliated => ("なし", "None"),
    DetailCapacity => ("定員", "Capacity"),
    DetailApplicants => ("現在の応募者数", "Current applicants"),
    DetailHired => ("採用者数", "Hired"),
    DetailHiredNotYet => ("採用結果通知後に公開", "Published with the results"),
    DetailResultsOf => ("の結果", ": results"),
    DetailCountsOf => ("の状況", ": figures"),
    DetailResultsApplicants => ("応募者数", "Applicants"),
    DetailOverCapacityNote => (
        "応募者数が定員を超えています。応募は引き続き可能ですが、定員を超えて採用されることはありません。",
        "Applicants exceed the capacity. You can still apply, but no more residents than the capacity are hired.",
    ),
    DetailContact => ("問合せ先", "Contact"),
    DetailDescription => ("プログラムの概要", "About the program"),
    DetailResearcherCourse => ("臨床研究医コース", "Clinical researcher course"),
    DetailYear => ("年度", "Year"),
    Yes => ("あり", "Yes"),
    No => ("なし", "No"),
    ProgramNotFound => ("指定された専門研修プログラムは見つかりませんでした。", "The program was not found."),
    NotFoundTitle => ("ページが見つかりません", "Page not found"),
    NotFoundText => (
        "お探しのページは移動または削除された可能性があります。",
        "The page you are looking for may have moved or no longer exists.",
    ),
    BackHome => ("ホームに戻る", "Back to the home page"),
    // ----- accounts and sessions
    NavLogin => ("ログイン", "Log in"),
    NavLogout => ("ログアウト", "Log out"),
    NavMyPage => ("マイページ", "My page"),
    NavRegister => ("新規登録", "Register"),
    AccountNavigation => ("アカウント", "Account"),
    RequiredMark => ("必須", "required"),
    SelectPlaceholder => ("選択してください", "Please choose"),
    BackButton => ("戻る", "Back"),
    CancelButton => ("キャンセル", "Cancel"),
    SendButton => ("送信", "Send"),
    Sending => ("送信中…", "Sending…"),
    NotPermitted => ("このページを表示する権限がありません。", "You do not have access to this page."),
    // ----- field labels
    LabelFamilyName => ("氏名（姓）", "Family name"),
    LabelGivenName => ("氏名（名）", "Given name"),
    LabelFamilyNameKana => ("フリガナ（姓）", "Family name in katakana"),
    LabelGivenNameKana => ("フリガナ（名）", "Given name in katakana"),
    LabelDateOfBirth => ("生年月日", "Date of birth"),
    LabelGender => ("性別", "Gender"),
    LabelMedicalRegistrationNumber => ("医籍登録番号", "Medical registration number"),
    LabelLicenseYearMonth => ("医師免許取得年月", "Medical licence (year and month)"),
    LabelPostalCode => ("郵便番号", "Postal code"),
    LabelPrefecture => ("都道府県", "Prefecture"),
    LabelAddress => ("住所（市区町村以降）", "Address (after the prefecture)"),
    LabelPhone => ("電話番号", "Phone number"),
    LabelClinicalTrainingProgram => ("修了（予定）臨床研修プログラム名", "Clinical training program (completed or expected)"),
    LabelClinicalTrainingCompletedOn => ("臨床研修修了（予定）年月日", "Clinical training completion date (or expected)"),
    LabelSpecialty => ("基本領域", "Specialty"),
    LabelTrack => ("専門研修選択", "Training track"),
    LabelCurriculumReason => ("カリキュラム制の理由", "Reason for the curriculum track"),
    LabelCurriculumReasonDetail => ("カリキュラム制となる理由（具体的に）", "The reason, in your own words"),
    LabelRegionalQuota => ("地域枠で医学部に入学した", "I entered medical school on a regional quota"),
    LabelRegionalQuotaPrefecture => ("地域枠の都道府県", "Regional quota prefecture"),
    LabelRegionalQuotaConsent => ("厚生労働省の保持するリストとの対比に同意する", "I consent to the check against the ministry's list"),
    LabelEmail => ("メールアドレス", "Email address"),
    LabelPassword => ("パスワード", "Password"),
    LabelPasswordConfirm => ("パスワード（確認）", "Password (again)"),
    LabelLogin => ("ユーザID", "User ID"),
    LabelLegacyUserId => ("旧システムのユーザID", "User ID in the old system"),
    LabelUserId => ("ユーザID", "User ID"),
    LabelYearsSinceLicense => ("医師免許取得後経過年数", "Years since licence"),
    LabelRegionalQuotaShort => ("地域枠", "Regional quota"),
    LabelRegionalQuotaConsentShort => ("厚生労働省リストとの対比への同意", "Consent to the ministry's check"),
    // ----- hints
    HintKana => ("全角カタカナで入力してください。", "In full-width katakana."),
    HintDate => ("西暦で年月日。例：19980514、1998/5/14、1998-05-14", "Year, month and day: e.g. 19980514, 1998/5/14 or 1998-05-14"),
    HintYearMonth => ("西暦で年月。例：202104、2021/4、2021-04", "Year and month: e.g. 202104, 2021/4 or 2021-04"),
    HintMedicalRegistrationNumber => ("7桁の数字。6桁の場合は先頭に0をつけてください。", "7 digits; put a 0 before a 6-digit number."),
    HintPostalCode => ("7桁の数字（ハイフン・〒は省略できます）", "7 digits (the hyphen and 〒 are optional)"),
    HintPhone => ("例：03-1234-5678", "e.g. 03-1234-5678"),
    HintClinicalTrainingProgram => ("臨床研修制度以前に研修された方は「なし」と入力してください。", "If you trained before the clinical training system, enter なし."),
    HintPassword => ("半角英数字6〜20文字。推測されやすいものは使えません。", "6 to 20 letters and digits; easily guessed ones are refused."),
    HintStaffPassword => ("12文字以上（128文字まで、記号・空白・日本語も使えます）。よく使われるパスワードやその変形は使えません。", "12 to 128 characters of any kind (symbols, spaces and Japanese too); common passwords and their variants are refused."),
    HintLogin => ("統括責任者・機構の方はメールアドレスを入力してください。", "Program directors and board staff: enter your email address."),
    HintEmail => ("携帯電話のメールアドレスは登録できません。", "Mobile carrier addresses cannot be used."),
    HintSpecialtyFixed => ("基本領域を変更する場合は、ユーザIDを削除して新たに登録してください。", "To change your specialty, delete your user ID and register again."),
    // ----- choices
    TrackProgram => ("プログラム制", "Program track"),
    TrackCurriculum => ("カリキュラム制", "Curriculum track"),
    ReasonObligatoryService => ("義務年限", "Obligatory service years"),
    ReasonRegionalMedicine => ("地域医療", "Regional medicine"),
    ReasonOther => ("その他（出産、育児、介護、留学など）", "Other (childbirth, childcare, nursing care, study abroad…)"),
    // ----- form sections
    SectionPersonal => ("基本情報", "About you"),
    SectionContact => ("連絡先", "Contact"),
    SectionTraining => ("臨床研修・専門研修", "Training"),
    SectionRegionalQuota => ("地域枠", "Regional quota"),
    SectionPassword => ("パスワード", "Password"),
    // ----- registration
    RegisterTitle => ("専攻医登録", "Resident registration"),
    RegisterEmailLead => ("登録に使うメールアドレスを入力してください。登録用URLをメールでお送りします（有効期限24時間・1回限り）。", "Enter the email address for your account. We will mail you a registration link, valid for 24 hours and once."),
    StepsLabel => ("登録の手順", "Registration steps"),
    StepEmail => ("メールアドレス登録", "Email address"),
    StepForm => ("登録情報の入力", "Your details"),
    StepConfirm => ("確認", "Review"),
    StepDone => ("完了", "Done"),
    SendLinkButton => ("登録用URLを送信", "Send the registration link"),
    MailSentTitle => ("メールを送信しました", "Check your mail"),
    MailSentText => ("入力されたメールアドレスに登録用URLをお送りしました。24時間以内にURLを開いて登録を続けてください。メールが届かない場合は、迷惑メールフォルダもご確認ください。", "We have mailed a registration link to the address you entered. Open it within 24 hours to continue. If it does not arrive, check your spam folder."),
    RegisterFormLead => ("医師免許証の記載どおりに入力してください。", "Enter your details as on your medical licence."),
    RegisteringEmail => ("登録するメールアドレス", "Email address being registered"),
    LinkValidUntil => ("このURLの有効期限", "This link is valid until"),
    ToConfirmButton => ("確認画面へ", "Review"),
    ConfirmTitle => ("登録内容の確認", "Review your registration"),
    ConfirmLead => ("以下の内容で登録します。修正する場合は「戻る」を押してください。", "You are about to register with these details. Press Back to change them."),
    RegisterButton => ("登録", "Register"),
    RegisterDoneTitle => ("登録が完了しました", "Registration complete"),
    YourUserId => ("あなたのユーザID", "Your user ID"),
    UserIdMailedNote => ("ユーザIDは登録したメールアドレスにもお送りしました。ログインに必要ですので、大切に保管してください。", "We have also mailed your user ID. You need it to log in, so keep it safe."),
    GoToLogin => ("ログイン画面へ", "Go to the login page"),
    PasswordNotShown => ("（表示しません）", "(not shown)"),
    StartAgain => ("メールアドレスの登録からやり直す", "Start again with your email address"),
    // ----- login and reminders
    LoginTitle => ("ログイン", "Log in"),
    LoginLead => ("専攻医の方は、ユーザIDとパスワードでログインしてください。", "Residents log in with their user ID and password."),
    LoginButton => ("ログイン", "Log in"),
    ForgotIdLink => ("ユーザIDを忘れた方", "Forgot your user ID?"),
    ForgotPasswordLink => ("パスワードを忘れた方", "Forgot your password?"),
    RegisterLink => ("はじめての方（新規登録）", "New here? Register"),
    MigrateLink => ("旧システムからのアカウント移行", "Move your account from the old system"),
    NoticeSignedOut => ("ログアウトしました。", "You have logged out."),
    NoticeSessionExpired => ("ログインの有効期限が切れました。もう一度ログインしてください。", "Your session has ended. Please log in again."),
    NoticeLoginRequired => ("このページを表示するにはログインしてください。", "Please log in to see this page."),
    NoticeAccountDeleted => ("ユーザIDを削除しました。ご利用ありがとうございました。", "Your user ID has been deleted. Thank you for using the system."),
    NoticePasswordReset => ("パスワードを再設定しました。新しいパスワードでログインしてください。", "Your password has been reset. Log in with the new one."),
    ForgotIdTitle => ("ユーザIDの確認", "Forgot your user ID"),
    ForgotIdLead => ("登録したメールアドレスを入力してください。ユーザIDをメールでお知らせします。", "Enter the email address of your account and we will mail you your user ID."),
    ForgotIdSent => ("入力されたメールアドレスが登録されていれば、ユーザIDをお送りしました。", "If the address belongs to an account, we have mailed its user ID."),
    ForgotPasswordTitle => ("パスワードの再設定", "Reset your password"),
    ForgotPasswordLead => ("ユーザID（統括責任者・機構の方はメールアドレス）を入力してください。パスワード再設定用のURLをメールでお送りします（有効期限1時間）。", "Enter your user ID (staff: your email address). We will mail you a link to set a new password, valid for 1 hour."),
    ForgotPasswordSent => ("登録されていれば、パスワード再設定用のURLをお送りしました。1時間以内に開いてください。", "If the account exists, we have mailed a link to set a new password. Open it within 1 hour."),
    ResetPasswordTitle => ("新しいパスワードの設定", "Set a new password"),
    ResetPasswordLead => ("新しいパスワードを入力してください。", "Enter your new password."),
    SetPasswordButton => ("パスワードを設定", "Set the password"),
    RequestNewLink => ("もう一度URLを送る", "Ask for a new link"),
    BackToLogin => ("ログイン画面に戻る", "Back to the login page"),
    // ----- legacy migration
    MigrateTitle => ("旧システムからのアカウント移行", "Move your account from the old system"),
    MigrateLead => ("2018〜2020年に旧システムで登録した方（専門医の方を含む）は、新たな登録は不要です。旧システムのユーザID、メールアドレス、生年月日を入力してください。照合できた場合、パスワード設定用のURLをメールでお送りします。", "If you registered in the old system in 2018–2020 (specialists too), you need not register again. Enter your old user ID, email address and date of birth. If they match, we will mail you a link to set your password."),
    MigrateSent => ("照合できた場合、パスワード設定用のURLをお送りしました。24時間以内に開いてください。", "If your details matched, we have mailed a link to set your password. Open it within 24 hours."),
    MigratePasswordTitle => ("パスワードの設定", "Set your password"),
    MigratePasswordLead => ("新しいシステムで使うパスワードを設定してください。", "Set the password you will use in the new system."),
    MigrateBrings => ("旧システムから引き継ぐ情報", "What your old account brings"),
    MigrateMissingTitle => ("不足している登録情報", "Details still needed"),
    MigrateMissingLead => ("旧システムの情報には、現在の登録に必要な項目が不足しています。以下の項目を入力してください。", "The old system's data lacks some details the registration now needs. Please enter them below."),
    MigrateServerErrors => ("次の項目をご確認ください", "Please check the following"),
    MigrateDoneTitle => ("アカウントの移行が完了しました", "Your account has moved"),
    MigrateDoneNote => ("このユーザIDと設定したパスワードでログインしてください。ユーザIDはメールでもお送りしました。", "Log in with this user ID and the password you set. We have also mailed the user ID."),
    // ----- my page
    MyPageTitle => ("マイページ", "My page"),
    MyApplications => ("応募状況", "My applications"),
    UserInfo => ("ユーザ情報", "Your details"),
    PrefectureStatus => ("都道府県ごとの応募・採用状況", "Applications and hires by prefecture"),
    NavStatistics => ("応募・採用状況", "Figures"),
    StatisticsTitle => ("応募・採用状況", "Applications and hires"),
    StatisticsLead => (
        "領域と年度を選ぶと、都道府県ごとの定員・応募・採用の状況を地図と表で示します。採否は各募集の採用結果通知の時点から数えます。",
        "Choose a specialty and a year to see the places, applicants and hires of each prefecture on the map and in the table. Decisions count from each round's result notification.",
    ),
    MapMeasureLegend => ("地図の色分け", "The map shows"),
    MapMeasureHires => ("採用の充足（採用数／定員とシーリングの小さい方）", "Hires against the places (capacity, or the ceiling if lower)"),
    MapMeasureApplicants => ("応募の多さ（応募数／定員）", "Applicants against the capacity"),
    AnnualHiresTitle => ("年度採用数", "Hires of the year"),
    AnnualHiresNote => (
        "各領域の採用数です（採用結果が通知された募集のみ）。シーリングのある5都府県は個別に示します。",
        "Hires of each specialty (rounds whose results are out); the five prefectures with ceilings are shown apart.",
    ),
    AnnualHiresNationwide => ("全国", "Nationwide"),
    AnnualHiresElsewhere => ("その他の道府県", "Elsewhere"),
    AnnualHiresAll => ("全領域", "All specialties"),
    SearchMySpecialty => ("あなたの基本領域の専門研修プログラムを探す", "Search the programs of your specialty"),
    ViewSchedule => ("募集日程を見る", "See the recruitment rounds"),
    ViewProfile => ("ユーザ情報を確認・変更する", "See or change your details"),
    // ----- profile
    ProfileTitle => ("ユーザ情報", "Your details"),
    EditButton => ("変更", "Change"),
    SaveButton => ("変更を保存", "Save changes"),
    ProfileSaved => ("ユーザ情報を変更しました。", "Your details have been saved."),
    ProfileLockedTitle => ("ユーザ情報は変更できません", "Your details cannot be changed"),
    DeleteAccount => ("ユーザIDの削除", "Delete your user ID"),
    DeleteAccountLead => ("ユーザIDを削除すると、このアカウントは利用できなくなります。専門研修プログラムに応募中は削除できません。", "Deleting your user ID closes this account. It cannot be deleted while an application is live."),
    DeleteConfirmTitle => ("ユーザIDを削除しますか？", "Delete your user ID?"),
    DeleteConfirmText => ("この操作は取り消せません。", "This cannot be undone."),
    DeleteConfirmButton => ("削除する", "Delete"),
    BackToMyPage => ("マイページに戻る", "Back to my page"),
    // ----- applying (応募) and withdrawing (取下げ)
    ApplyButton => ("このプログラムに応募する", "Apply to this program"),
    ApplyRound => ("応募する募集", "Round to apply in"),
    ApplyPeriodUntil => ("応募締切", "Applications close"),
    ApplyPeriodClosed => (
        "この募集は現在、応募期間外です。応募期間はマスタースケジュールで確認できます。",
        "This round is not accepting applications now. See the master schedule for its application period.",
    ),
    ApplyLoginHint => ("専攻医の方は、ログインするとこのプログラムに応募できます。", "Residents can apply to this program after logging in."),
    ApplyConfirmTitle => ("このプログラムに応募しますか？", "Apply to this program?"),
    ApplyConfirmText => (
        "1つの募集で応募できるプログラムは1つだけです。応募期間中は取り下げて別のプログラムに応募し直せますが、応募期間が終わると取り下げはできません。",
        "You can apply to only one program per round. During the application period you can withdraw and apply to another program; after it ends you cannot withdraw.",
    ),
    ApplyConfirmButton => ("応募する", "Apply"),
    ApplyDoneTitle => ("応募を受け付けました", "Your application has been received"),
    ApplyDoneNote => (
        "受付番号は登録したメールアドレスにもお送りしました。応募状況はマイページで確認できます。",
        "We have also mailed you the receipt number. Your page shows where your application stands.",
    ),
    GoToMyPage => ("マイページで応募状況を見る", "See it on my page"),
    LabelReceiptNumber => ("受付番号", "Receipt number"),
    LabelAppliedAt => ("受付日時", "Received"),
    LabelProgram => ("プログラム", "Program"),
    LabelStatus => ("状況", "Status"),
    NoApplications => ("まだ応募していません。", "You have not applied yet."),
    CurrentApplication => ("現在の応募", "Current application"),
    ApplicationHistory => ("応募履歴", "Application history"),
    WithdrawButton => ("応募を取り下げる", "Withdraw the application"),
    WithdrawConfirmTitle => ("応募を取り下げますか？", "Withdraw your application?"),
    WithdrawConfirmText => (
        "取り下げた応募は元に戻せません。応募期間中であれば、同じ募集で別のプログラムに応募できます。",
        "A withdrawal cannot be undone. During the application period you can then apply to another program in the same round.",
    ),
    WithdrawConfirmButton => ("取り下げる", "Withdraw"),
    WithdrawDone => ("応募を取り下げました。", "Your application has been withdrawn."),
    // What to do after a refusal, by the problem's code (the refusal itself is the domain's).
    NextOutsideApplicationPeriod => ("応募期間はマスタースケジュールで確認できます。", "See the master schedule for the application periods."),
    NextAlreadyApplied => (
        "別のプログラムに応募し直す場合は、応募期間中にマイページで現在の応募を取り下げてから応募してください。",
        "To apply to another program, first withdraw your current application on your page during the application period.",
    ),
    NextNotEligible => ("採用結果はマイページで確認できます。", "Your page shows your results."),
    NextSpecialtyMismatch => (
        "マイページから、あなたの基本領域の専門研修プログラムを検索してください。",
        "Search the programs of your own specialty from your page.",
    ),
    NextProgramNotRecruiting => ("この募集を行っている他のプログラムを検索してください。", "Search for another program that recruits in this round."),
    NextWithdrawalClosed => (
        "応募は有効なまま、採用調整期間に選考されます。結果は採用結果通知の日にマイページでお知らせします。",
        "Your application stays and is decided in the adjustment period; your page shows the result on the result date.",
    ),
    NextInvalidTransition => ("マイページを再読み込みして、現在の応募状況を確認してください。", "Reload your page to see where your application stands."),
    ProblemInvalidTransition => ("現在の応募状況ではこの操作はできません。", "This cannot be done in the application's current state."),
    ProblemApplyTargetGone => (
        "このプログラムまたは募集は見つかりませんでした。検索からやり直してください。",
        "The program or round was not found. Please search again.",
    ),
    // ----- problems by code
    ProblemInvalidCredentials => ("ユーザIDまたはパスワードが正しくありません。", "The user ID or password is incorrect."),
    ProblemTooManyAttempts => ("ログインの試行回数が多すぎます。しばらく時間をおいてから、もう一度お試しください。", "Too many login attempts. Please wait a while and try again."),
    ProblemTooManyRequests => ("短時間に送信が集中しました。しばらく時間をおいてから、もう一度お試しください。", "Too many requests. Please wait a while and try again."),
    ProblemRegistrationNumberTaken => ("この医籍登録番号はすでに登録されています。", "This medical registration number is already registered."),
    ProblemValidationFailed => ("入力内容に誤りがあります。各項目のメッセージを確認してください。", "Some entries need your attention; see the message by each field."),
    ProblemNotFound => ("指定されたページまたはURLは見つかりませんでした。", "The page or link was not found."),
    ProblemEmailTaken => ("このメールアドレスはすでに登録されています。", "This email address is already registered."),
    ProblemLinkNotFound => ("このURLは無効です。メールに記載されたURLをもう一度ご確認ください。", "This link is not valid. Please check the link in the mail."),
    ProblemPasswordMismatch => ("パスワード（確認）がパスワードと一致しません。", "The two passwords differ."),
    ProblemForbidden => ("この操作を行う権限がありません。", "You are not allowed to do this."),
    Timeline => ("これからの予定", "What happens next"),
    TimelineHired => (
        "採用が決まりました。研修は4月に始まります。詳細は統括責任者からの連絡をお待ちください。",
        "You are hired. Training starts in April; your program director will contact you."
    ),
    TimelineNothingLeft => ("今年度の応募できる募集は終了しました。", "No round of this year is left to apply in."),
    TimelineNext => ("次", "Next"),
    TimelineWho => ("行う人", "Who"),
    ColHired => ("採用", "Hired"),
    ColRejected => ("不採用", "Rejected"),
    ColUnprocessed => ("未処理・保留", "Pending"),
    ColCeiling => ("シーリング", "Ceiling"),
    CeilingMark => ("シーリング対象", "Ceiling applies"),
    PrefectureStatusNote => (
        "採用・不採用・未処理の数は、各募集の採用結果通知の後に反映されます。定員または応募者のある都道府県を表示しています。",
        "Hires, rejections and pending decisions count from each round's result notification. Prefectures with places or applicants are listed."
    ),
    PrefectureStatusEmpty => ("この年度の定員・応募者はまだありません。", "No places or applicants this year yet."),
    CurrentPeriod => ("現在", "Now"),
    // ----- the board admin's pages (機構 管理画面)
    NavAdmin => ("管理画面", "Administration"),
    AdminNavigation => ("管理メニュー", "Administration menu"),
    AdminOverviewTitle => ("募集状況の概要", "Overview"),
    AdminRoundsTitle => ("募集日程の管理", "Rounds"),
    AdminCeilingsTitle => ("シーリングの管理", "Ceilings"),
    AdminDirectorsTitle => ("統括責任者の管理", "Program directors"),
    AdminProgramsTitle => ("プログラムの管理", "Programs"),
    AdminAnnouncementsTitle => ("お知らせの管理", "Announcements"),
    AdminAuditTitle => ("操作履歴", "Audit log"),
    AdminHintJst => ("日本時間で入力してください。締切は通常、正午（12:00）です。", "In Japan time; deadlines are usually at noon (12:00)."),
    AdminSaved => ("保存しました。", "Saved."),
    // rounds
    AdminRoundsLead => (
        "年度ごとの募集と各期間です。日時は日本時間で表示・入力します。応募のある募集は削除できません。",
        "The rounds of a year and their periods, shown and entered in Japan time. A round with applications cannot be deleted.",
    ),
    AdminNewRound => ("募集を追加", "Add a round"),
    AdminEditRound => ("日程を変更", "Change the dates"),
    AdminSaveRound => ("日程を保存", "Save the dates"),
    AdminRoundCreated => ("募集を追加しました。", "The round has been added."),
    AdminRoundSaved => ("募集日程を変更しました。", "The round's dates have been changed."),
    AdminRoundDeleted => ("募集を削除しました。", "The round has been deleted."),
    AdminDeleteRoundTitle => ("この募集を削除しますか？", "Delete this round?"),
    AdminDeleteRoundText => ("削除した募集は元に戻せません。", "A deleted round cannot be restored."),
    LabelApplicationStartsAt => ("応募期間の開始", "Applications open"),
    LabelAdjustmentEndsAt => ("採用調整期間の終了", "Adjustment period ends"),
    LabelConfirmationEndsAt => ("募集実施確認期間の終了", "Confirmation period ends"),
    ProblemIncompletePeriod => ("期間の開始と終了の両方を指定してください。", "Give both the start and the end of the period."),
    ProblemRoundExists => ("この年度には同じ種類の募集がすでに登録されています。", "This year already has a round of this kind."),
    ProblemRoundHasApplications => ("応募がある募集は削除できません。", "A round with applications cannot be deleted."),
    // overview
    AdminOverviewLead => (
        "募集の進み具合を確認します。都道府県ごとの状況は、採用結果通知の前でも現時点の採否で集計しています。",
        "How the rounds are going. The status by prefecture counts the decisions as they stand now, even before the results are published.",
    ),
    AdminPrefectureNote => (
        "現時点の採否で集計しています（採用結果通知の前を含む）。定員または応募者のある都道府県を表示しています。",
        "Decisions are counted as they stand now, results published or not. Prefectures with places or applicants are listed.",
    ),
    AdminWatchTitle => ("募集ごとの確認状況", "Round by round"),
    AdminUnconfirmedTitle => ("募集実施確認が済んでいないプログラム", "Programs that have not confirmed their results"),
    AdminUnprocessedTitle => ("採否が未処理の応募", "Applications still undecided"),
    AdminColDirectors => ("統括責任者", "Directors"),
    AdminNoneLeft => ("該当するものはありません。", "None."),
    // ceilings
    AdminCeilingsLead => (
        "シーリング対象の都道府県・基本領域ごとのシーリング数です。推奨値は過去5年の採用実績の平均値です。採用済みの人数を下回る値は設定できません。",
        "The ceiling of each prefecture and specialty it applies to. The suggestion is the mean of the last five years' hires. A ceiling cannot be set below the hires already made.",
    ),
    AdminColSuggested => ("推奨値", "Suggested"),
    AdminColNewCeiling => ("新しいシーリング数", "New ceiling"),
    AdminColExcess => ("試算の超過", "What-if excess"),
    AdminColUpdated => ("更新日", "Updated"),
    AdminNotSet => ("未設定", "Not set"),
    AdminSetCeiling => ("設定", "Set"),
    AdminTakeSuggestion => ("推奨値を設定", "Set the suggestion"),
    AdminWhatIfLead => (
        "「新しいシーリング数」に入力した値で、採用済みの人数がいくつ超過するかを試算します。試算では何も保存されません。",
        "Try the values typed under New ceiling: how many of the hires already made each would leave beyond it. Nothing is saved.",
    ),
    AdminWhatIfButton => ("入力した値で試算", "Try the typed values"),
    AdminWhatIfNothing => ("試算する値が入力されていません。", "No value has been typed to try."),
    AdminWhatIfExcessTotal => ("試算結果（保存されていません）：超過の合計", "What-if (nothing saved): total excess"),
    AdminWhatIfCellsOver => ("超過する区分の数", "cells over"),
    AdminImportTitle => ("CSVで一括登録", "Import from CSV"),
    AdminImportLead => (
        "1行目は year,prefecture,specialty,ceiling（都道府県はJISコード、基本領域はコード）です。1行でも誤りがあれば何も登録されず、誤りのある行をすべて表示します。",
        "The header is year,prefecture,specialty,ceiling (prefectures as JIS codes, specialties as codes). If any row is wrong nothing is imported, and every wrong row is listed.",
    ),
    AdminImportFile => ("CSVファイル", "CSV file"),
    AdminImportText => ("CSVの内容（ファイルを選ぶとここに読み込みます）", "CSV text (a chosen file is read in here)"),
    AdminImportButton => ("取り込む", "Import"),
    AdminImportRefused => ("次の行に誤りがあるため、何も登録されませんでした。", "Nothing was imported: these rows are wrong."),
    ProblemCeilingNotApplicable => ("この都道府県・基本領域にはシーリングがありません。", "No ceiling applies to this prefecture and specialty."),
    ProblemDuplicateCell => ("同じ年度・都道府県・基本領域の行がほかにもあります。", "Another row has the same year, prefecture and specialty."),
    ProblemInvalidCsv => ("CSVとして読み取れません。", "This cannot be read as CSV."),
    ProblemMissingColumn => ("列がありません：", "Missing column:"),
    ProblemCeilingBelowHiresRow => (
        "シーリング数が採用済みの人数を下回るため設定できません。",
        "The ceiling would be below the hires already made in its cell.",
    ),
    // directors
    AdminColInvited => ("登録日", "Invited"),
    AdminDirectorActive => ("利用中", "Active"),
    AdminDirectorInvited => ("招待中（パスワード未設定）", "Invited (no password yet)"),
    AdminChangePrograms => ("担当プログラムを変更", "Change programs"),
    AdminProgramsAssigned => ("担当プログラムを変更しました。", "The director's programs have been changed."),
    AdminDirectorInvitedDone => (
        "統括責任者を招待しました。パスワード設定用のURLをメールで送りました。",
        "The director has been invited; a link to set a password has been mailed.",
    ),
    AdminInviteTitle => ("統括責任者を招待", "Invite a program director"),
    AdminInviteLead => (
        "入力したメールアドレスに、パスワード設定用のURLを送ります。",
        "A link to set a password is mailed to the address given.",
    ),
    AdminInviteButton => ("招待する", "Invite"),
    AdminDirectorPrograms => ("担当プログラム", "Programs"),
    AdminNoProgramsPicked => ("担当プログラムは選ばれていません。", "No program chosen."),
    AdminRemoveProgram => ("外す", "Remove"),
    AdminAddProgram => ("追加", "Add"),
    AdminFindPrograms => ("プログラムを検索", "Find programs"),
    ProblemAlreadyExists => ("このメールアドレスのアカウントはすでに登録されています。", "An account with this address already exists."),
    // the second factor
    ProblemSecondFactorRequired => (
        "二段階認証の確認コードを入力してください（認証アプリの6桁の数字、またはリカバリーコード）。",
        "Enter your verification code: the 6 digits of your authenticator app, or a recovery code.",
    ),
    ProblemInvalidSecondFactor => (
        "確認コードが正しくありません。認証アプリの最新の6桁の数字か、未使用のリカバリーコードを入力してください。",
        "The code is not right: enter the latest 6 digits of your authenticator app, or an unused recovery code.",
    ),
    ProblemSecondFactorSetupRequired => (
        "二段階認証の設定が必要です。認証アプリを登録してから操作してください。",
        "Set up your second factor (an authenticator app) first.",
    ),
    ProblemSecondFactorEnabled => (
        "二段階認証はすでに設定されています。端末を替える場合は、機構の管理者にリセットを依頼してください。",
        "Your second factor is set up already; to change phones, ask a board admin to reset it.",
    ),
    ProblemNoSecondFactorPending => (
        "二段階認証の設定が始まっていません。最初からやり直してください。",
        "The set-up has not started; please begin again.",
    ),
    ProblemCannotDisableSelf => (
        "ご自身のアカウントは無効にできません。別の管理者に依頼してください。",
        "You cannot disable your own account; ask another admin.",
    ),
    ProblemCannotResetOwnSecondFactor => (
        "ご自身の二段階認証はリセットできません。別の管理者に依頼してください。",
        "You cannot reset your own second factor; ask another admin.",
    ),
    SecondFactorTitle => ("二段階認証", "Two-step sign-in"),
    SecondFactorLead => (
        "ログインのたびに、パスワードに加えて認証アプリ（Google Authenticator、Microsoft Authenticator など）の6桁の確認コードを入力します。機構の管理者と相談窓口担当者は必須、統括責任者は任意です。",
        "Every sign-in asks, after the password, for the 6-digit code of an authenticator app (Google Authenticator, Microsoft Authenticator…). Required of board admins and consultation officers, offered to directors.",
    ),
    SecondFactorRequiredNow => (
        "このアカウントは二段階認証の設定が必要です。設定が終わるまで、ほかの画面は使えません。",
        "This account must set up its second factor; nothing else opens until it is done.",
    ),
    SecondFactorOn => ("設定済み", "Set up"),
    SecondFactorOff => ("未設定", "Not set up"),
    SecondFactorSince => ("設定日時", "Set up on"),
    SecondFactorCodesLeft => ("未使用のリカバリーコード", "Recovery codes left"),
    SecondFactorStart => ("設定を始める", "Set it up"),
    SecondFactorScan => (
        "認証アプリでこのQRコードを読み取るか、下のキーを入力してください。表示された6桁の数字を入力して確認します。",
        "Scan this QR code with your authenticator app, or type the key below; then enter the 6 digits it shows.",
    ),
    SecondFactorQrAlt => ("認証アプリに登録するQRコード", "QR code for the authenticator app"),
    SecondFactorKey => ("手入力用のキー", "Key to type in"),
    SecondFactorConfirmButton => ("確認して有効にする", "Confirm and turn on"),
    SecondFactorCodesTitle => ("リカバリーコード", "Recovery codes"),
    SecondFactorCodesLead => (
        "スマートフォンをなくした場合に、確認コードの代わりに1回ずつ使えます。この画面でしか表示されません。印刷するなどして安全な場所に保管してください。",
        "Each signs in once in place of a code if you lose your phone. They are shown only now: print or store them somewhere safe.",
    ),
    SecondFactorContinue => ("続ける", "Continue"),
    LoginCodeLead => (
        "認証アプリに表示されている6桁の数字（またはリカバリーコード）を入力してください。",
        "Enter the 6 digits your authenticator app shows (or a recovery code).",
    ),
    NavSecondFactor => ("二段階認証", "Two-step sign-in"),
    AdminColSecondFactor => ("二段階認証", "Two-step"),
    AdminStaffResetSecondFactor => ("二段階認証をリセット", "Reset two-step"),
    AdminStaffSecondFactorResetDone => (
        "二段階認証をリセットしました。次回のログインで設定し直します。",
        "The second factor is reset; it is set up again at the next sign-in.",
    ),
    ApplicantDeleted => ("退会済み", "Account deleted"),
    // staff accounts
    AdminStaffTitle => ("スタッフアカウント", "Staff accounts"),
    AdminStaffLead => (
        "機構の管理者・相談窓口担当者・統括責任者のアカウントです。無効にしたアカウントは、その時点でログイン中のものも含めて使えなくなります。",
        "The accounts of board admins, consultation officers and program directors. A disabled account stops working at once, sessions in use included.",
    ),
    AdminColRole => ("役割", "Role"),
    AdminStaffDisabled => ("無効", "Disabled"),
    AdminStaffDisable => ("無効にする", "Disable"),
    AdminStaffEnable => ("有効に戻す", "Enable"),
    AdminStaffDisabledDone => ("アカウントを無効にしました。ログイン中のセッションも終了しました。", "The account is disabled; its sessions have ended."),
    AdminStaffEnabledDone => ("アカウントを有効に戻しました。", "The account is enabled again."),
    AdminStaffInviteTitle => ("スタッフを招待", "Invite a staff member"),
    AdminStaffInviteLead => (
        "役割を選び、入力したメールアドレスにパスワード設定用のURL（7日間有効）を送ります。統括責任者の担当プログラムは「統括責任者の管理」で設定します。",
        "Choose the role; a link to set a password (valid 7 days) is mailed to the address given. A director's programs are set under Program directors.",
    ),
    AdminStaffInvitedDone => (
        "招待しました。パスワード設定用のURLをメールで送りました。",
        "Invited; a link to set a password has been mailed.",
    ),
    // programs
    AdminNewProgram => ("プログラムを追加", "Add a program"),
    AdminEditProgram => ("変更", "Change"),
    AdminEditProgramTitle => ("プログラムの変更", "Change the program"),
    AdminNoFacility => ("基幹施設が選ばれていません。", "No base facility chosen."),
    AdminAddFacility => ("この名称・都道府県で施設を追加", "Add a facility with this name and prefecture"),
    AdminChooseFacility => ("選ぶ", "Choose"),
    ProblemProgramHasApplications => (
        "応募があるプログラムの基本領域・年度・臨床研究医コースの別は変更できず、削除もできません。",
        "A program with applications keeps its specialty, year and course, and cannot be deleted.",
    ),
    // announcements
    AdminPublishTitle => ("お知らせを掲載", "Publish an announcement"),
    AdminEditAnnouncementTitle => ("お知らせを編集", "Edit the announcement"),
    AdminSaveAnnouncement => ("変更を保存", "Save the changes"),
    AdminAnnouncementSaved => ("お知らせを変更しました。", "The announcement has been changed."),
    AdminEditAnnouncement => ("編集", "Edit"),
    AdminWithdrawAnnouncement => ("取り下げ", "Withdraw"),
    AdminWithdrawAnnouncementTitle => ("お知らせを取り下げますか", "Withdraw the announcement?"),
    AdminWithdrawAnnouncementText => (
        "取り下げたお知らせは、専攻医・統括責任者・一般の方から見えなくなります。記録として機構の一覧には残ります。元に戻すことはできません。",
        "Nobody but the board will read it any more; it stays in the board's list for the record. This cannot be undone.",
    ),
    AdminAnnouncementWithdrawn => ("お知らせを取り下げました。", "The announcement has been withdrawn."),
    AdminWithdrawnBadge => ("取り下げ済み", "Withdrawn"),
    AdminEnglishText => ("英語版（任意）", "English text (optional)"),
    AdminEnglishHint => (
        "英語で表示する人には英語版が表示されます。ない場合は日本語が表示されます。",
        "Shown to readers using English; without it they read the Japanese.",
    ),
    AnnouncementEdited => ("更新", "Edited"),
    AnnouncementJapaneseOnly => ("このお知らせは日本語のみです。", "This announcement is in Japanese only."),
    AdminPublishButton => ("掲載する", "Publish"),
    AdminPublished => ("お知らせを掲載しました。", "The announcement has been published."),
    // audit
    AdminAuditLead => (
        "誰が、いつ、何を変更したかの記録です。新しい順に表示します。各記録はハッシュチェーンでつながっています。",
        "Who changed what, and when, newest first. The events are linked in a hash chain.",
    ),
    AdminAuditFilters => ("操作履歴の絞り込み", "Filter the audit log"),
    AdminAuditActor => ("操作した人", "Who"),
    AdminAuditAnyone => ("すべて", "Anyone"),
    AdminAuditByKind => ("種類で選ぶ", "By kind"),
    AdminAuditByName => ("職員・学会", "Staff and societies"),
    AdminAuditAction => ("操作", "Action"),
    AdminAuditAnyAction => ("すべての操作", "Any action"),
    AdminAuditEntity => ("対象の種類", "Kind of record"),
    AdminAuditEverything => ("すべて", "Everything"),
    AdminAuditEntityId => ("対象ID（任意）", "Record ID (optional)"),
    AdminAuditWhat => ("出来事", "What happened"),
    AdminAuditDaysHint => (
        "期間は日本時間の日付で、終了日の終わりまでを含みます。",
        "Days are in Japan time; the period includes the whole last day.",
    ),
    AdminAuditFrom => ("期間の開始", "From"),
    AdminAuditTo => ("期間の終了", "Until"),
    AdminAuditAt => ("日時", "When"),
    AdminAuditDetail => ("内容", "Detail"),
    AdminAuditChain => ("チェーン上の位置", "Chain"),
    AdminAuditUnsealed => ("未確定", "not sealed yet"),
    // ----- the program director's pages (統括責任者)
    NavDirector => ("担当プログラム", "My programs"),
    DirectorTitle => ("担当プログラム", "My programs"),
    DirectorLead => (
        "統括責任者として担当している専門研修プログラムです。プログラムを開くと、応募者の確認と採否の登録ができます。",
        "The programs you direct. Open one to see its applicants and record your decisions.",
    ),
    NoDirectedPrograms => ("担当している専門研修プログラムはありません。", "You direct no program."),
    DirectedProgramsCaption => ("担当プログラムと採用枠の残り", "Your programs and the room left"),
    OpenApplicants => ("応募者を見る", "See the applicants"),
    BackToDirector => ("担当プログラム一覧に戻る", "Back to my programs"),
    DirectorProgramNotFound => ("指定された担当プログラムは見つかりませんでした。", "No program of yours has this address."),
    RoomTitle => ("採用枠の残り", "Room left"),
    RoomRemainingCapacity => ("定員の残り", "Left under the capacity"),
    RoomRemainingCeiling => ("シーリングの残り", "Left under the ceiling"),
    RoomNoCeiling => ("シーリングの対象外", "No ceiling applies"),
    RoomCeilingNote => (
        "シーリングは、同じ都道府県・基本領域のすべてのプログラムの採用数（全募集の合計）に対する上限です。",
        "The ceiling limits the hires of every program of this specialty in this prefecture, all rounds together.",
    ),
    RoomFull => ("これ以上は採用できません。", "No one more can be hired."),
    ApplicantsTitle => ("応募者", "Applicants"),
    ApplicantFiltersLabel => ("応募者の絞り込みと並び順", "Filter and order the applicants"),
    FilterStatus => ("状況", "Status"),
    AnyStatus => ("すべての状況", "Every status"),
    FilterDecided => ("採否の登録", "Decision recorded"),
    DecidedAny => ("すべて", "Either"),
    DecidedYes => ("登録済みのみ", "Decided only"),
    DecidedNo => ("未処理のみ", "Undecided only"),
    SortLabel => ("並び順", "Order"),
    SortAppliedAt => ("受付日時の古い順", "Received, oldest first"),
    SortAppliedAtDesc => ("受付日時の新しい順", "Received, newest first"),
    SortKana => ("フリガナ順", "Name in kana, ascending"),
    SortKanaDesc => ("フリガナの逆順", "Name in kana, descending"),
    SortLicense => ("免許取得の早い順", "Earliest licence first"),
    SortLicenseDesc => ("免許取得の遅い順", "Latest licence first"),
    NoApplicants => ("条件に合う応募者はいません。", "No applicant matches these conditions."),
    ColSelect => ("選択", "Select"),
    SelectAllOnPage => ("このページの応募者をすべて選択", "Select every applicant on this page"),
    ColName => ("氏名", "Name"),
    ColTraining => ("研修", "Training"),
    ColDecision => ("採否", "Decision"),
    ColActions => ("操作", "Actions"),
    DecisionNone => ("未処理", "Undecided"),
    DecisionSaved => ("採否を登録しました。", "The decision has been recorded."),
    BulkDecisionLabel => ("選択した応募者の採否", "Decision for the selected applicants"),
    BulkApply => ("選択した応募者に一括登録", "Record for the selected"),
    BulkConfirmTitle => ("一括登録の確認", "Record these decisions?"),
    BulkConfirmText => ("選択した応募者全員の採否を、次のとおり登録します。1人でも登録できない場合は、何も登録されません。", "Every selected applicant gets this decision; if one cannot, none is recorded."),
    BulkConfirmCount => ("対象", "Applicants"),
    BulkAllOrNothing => (
        "一括登録は、すべてを登録できる場合にだけ登録されます（1件でも登録できない場合は何も登録されません）。",
        "A bulk decision is recorded only if every one of them can be; otherwise nothing is recorded.",
    ),
    DeclineButton => ("辞退を登録", "Record a decline"),
    DeclineConfirmTitle => ("辞退を登録しますか？", "Record this resident's decline?"),
    DeclineConfirmText => (
        "採用した専攻医の辞退を登録すると、その採用枠が空きます。登録した辞退は取り消せません。",
        "Recording the decline of a hired resident frees the place. A recorded decline cannot be undone.",
    ),
    DeclineConfirmButton => ("辞退を登録する", "Record the decline"),
    DeclineDone => ("辞退を登録しました。採用枠が1名分空きました。", "The decline has been recorded; one place is free again."),
    CsvDownload => ("CSVでダウンロード", "Download as CSV"),
    CsvDownloading => ("ダウンロード中…", "Downloading…"),
    CsvHint => ("表示中の募集・絞り込み・並び順で、全ページ分を出力します。", "Every page, with the round, filters and order shown."),
    ConfirmResultsTitle => ("募集実施確認", "Confirmation of the results"),
    ConfirmResultsLead => (
        "募集実施確認期間に、この募集の採用結果を確認してください。",
        "Confirm this round's results during its confirmation period.",
    ),
    ConfirmResultsButton => ("募集実施確認を行う", "Confirm the results"),
    ConfirmResultsDialogTitle => ("この募集の採用結果を確認しますか？", "Confirm this round's results?"),
    ConfirmResultsDialogText => (
        "確認した採用結果は、機構による最終的な確認に進みます。確認は取り消せません。",
        "The confirmed results go on to the board. A confirmation cannot be undone.",
    ),
    ConfirmResultsConfirm => ("確認する", "Confirm"),
    Confirmed => ("確認済み", "Confirmed"),
    NotConfirmed => ("未確認", "Not confirmed"),
    NextOutsideAdjustmentPeriod => ("採用調整期間はマスタースケジュールで確認できます。", "See the master schedule for the adjustment periods."),
    NextLimitExceeded => (
        "採用枠の残りを確認してください。枠は、採用の取り消しまたは辞退の登録で空きます。",
        "Check the room left. A place frees when an acceptance is taken back or a decline is recorded.",
    ),
    NextOutsideConfirmationPeriod => ("募集実施確認期間はマスタースケジュールで確認できます。", "See the master schedule for the confirmation periods."),
    NavTraining => ("研修実績・修了申請", "Training and completion"),
    NavConsultation => ("専攻医相談窓口", "Consultation desk"),
    NavConsultations => ("相談受付", "Consultations"),
    TrainingTitle => ("研修実績・研修修了申請", "Training records and completion"),
    TrainingLead => (
        "どの期間、どの研修施設で研修をしたかを、研修修了時までに登録してください。統括責任者が承認します。",
        "Record each period and facility of your training before you complete it; the program director approves each one.",
    ),
    TrainingLinked => (
        "この領域の研修実績は学会のシステムから連携されるため、入力は不要です（統括責任者の承認までのデータが反映されます）。",
        "Your society's system sends the training records of your specialty, approved by your director there: you enter nothing.",
    ),
    TrainingNoProgram => (
        "採用されたプログラムの採用結果が通知されると、研修実績を登録できます。",
        "Once the results of the program that hired you are out, you can record your training here.",
    ),
    TrainingProgram => ("研修プログラム", "Training program"),
    TrainingYears => ("研修期間", "Training years"),
    TrainingAddTitle => ("研修期間を登録", "Record a period"),
    TrainingEditTitle => ("研修期間を修正", "Correct a period"),
    FieldTrainingFacility => ("研修施設", "Facility"),
    ChooseFacility => ("選択してください", "Choose one"),
    TrainingRecordButton => ("登録する", "Record"),
    TrainingCorrectButton => ("修正して再申請", "Correct and send again"),
    CancelEdit => ("やめる", "Cancel"),
    TrainingRecorded => ("研修期間を登録しました。統括責任者の承認をお待ちください。", "The period is recorded; it waits for the director's approval."),
    ColPeriod => ("期間", "Period"),
    ColRecordStatus => ("状態", "Status"),
    ColReturnReason => ("差戻し理由", "Reason for return"),
    RecordEdit => ("修正", "Correct"),
    RecordDelete => ("削除", "Delete"),
    NoRecords => ("登録された研修実績はありません。", "No training record yet."),
    RecordsCaption => ("研修実績の一覧", "Training records"),
    CompletionTitle => ("研修修了申請", "Completion application"),
    CompletionLead => (
        "すべての研修実績が承認されたら研修修了申請を行ってください。統括責任者、学会、機構の順に確認され、認定料のお支払い確認の後に認定証が発行されます。",
        "Once every record is approved, file for completion: the director, the society and the board check it in turn; the certificate follows the certification fee.",
    ),
    CompletionFile => ("研修修了申請を行う", "File for completion"),
    CompletionRefile => ("修正して再申請する", "File again"),
    CompletionStageLabel => ("状況", "Stage"),
    CompletionCertificate => ("認定証番号", "Certificate number"),
    CompletionFeePaid => ("認定料のお支払い確認", "Certification fee paid"),
    CompletionTimeline => ("経過", "Timeline"),
    ActorResident => ("専攻医", "Resident"),
    ActorDirector => ("統括責任者", "Program director"),
    ActorSociety => ("学会", "Society"),
    ActorBoard => ("日本専門医機構", "The board"),
    ActorOfficer => ("相談窓口", "Consultation desk"),
    DirectorTrainingTitle => ("研修実績・研修修了申請の確認", "Training records and completion to check"),
    RecordsQueueTitle => ("承認待ちの研修実績", "Training records awaiting approval"),
    NoRecordsWaiting => ("承認待ちの研修実績はありません。", "No training record awaits approval."),
    CompletionQueueTitle => ("確認待ちの研修修了申請", "Completion applications waiting for you"),
    NoCompletionsWaiting => ("確認待ちの研修修了申請はありません。", "No completion application waits for you."),
    ColResident => ("専攻医", "Resident"),
    ApproveButton => ("承認", "Approve"),
    ReturnButton => ("差戻し", "Return"),
    ReturnSend => ("差戻しを送信", "Send back"),
    RecordFeeButton => ("認定料の支払いを登録", "Record the fee as paid"),
    IssueCertificateButton => ("認定証を発行", "Issue the certificate"),
    AdminCompletionsTitle => ("研修修了申請", "Completion applications"),
    ConsultationTitle => ("専攻医相談窓口", "Consultation desk for residents"),
    ConsultationLead => (
        "希望する領域で、十分な知識・経験を得るための適切な研修を受けることに関し、何らかの障害を感じている状況にある場合は、この相談窓口を利用して下さい。相談によって、個人情報、医療機関の名称等が外部に漏れることはありません。安心して相談してください。",
        "If something stands in the way of the training you need in your specialty, use this desk. Nothing you tell it, neither personal information nor the names of hospitals, leaves it.",
    ),
    ConsultationPrivacy => (
        "氏名やログインは不要です。相談内容は暗号化して保管され、相談窓口の担当者だけが読みます。",
        "No name and no account are needed. What you write is stored encrypted and read only by the desk's officers.",
    ),
    ConsultationSend => ("相談を送信する", "Send"),
    ConsultationFiledTitle => ("相談を受け付けました", "Your consultation was received"),
    ConsultationKeepLink => (
        "回答は次の専用URLで確認できます。このURLはこの画面でしか表示されません。必ず控えてください。",
        "Follow the answer at this private link. It is shown only here: keep it.",
    ),
    CopyLink => ("リンクをコピー", "Copy the link"),
    OutcomeAcceptedTitle => ("採用が決まりました", "You have been accepted"),
    OutcomeAcceptedNext => ("研修開始に向けて、プログラムからの連絡をお待ちください。採用を辞退する場合はプログラムにご連絡ください。", "The program will contact you before training starts. To decline, contact the program."),
    OutcomeWithdrawn => ("に取り下げました。応募期間中は、このプログラムや別のプログラムに改めて応募できます。", ": withdrawn. While the application period runs you may apply again, to this or another program."),
    OutcomeApplyAgain => ("もう一度応募する", "Apply again"),
    OutcomeOnHold => ("保留：採用調整期間中に採否が決まらず、この募集では採用に至りませんでした。理由はプログラムの問合せ先にお尋ねください。", "On hold: no decision was made in the adjustment period, so this round did not hire you. Ask the program's contact why."),
    OutcomeRejected => ("不採用：この募集では採用に至りませんでした。", "Not accepted: this round did not hire you."),
    OutcomeNextRound => ("次の募集の応募期間に、改めて応募できます。", "You may apply in the next round's application period."),
    CopyTextLabel => ("専用URL", "Private link"),
    CopyDone => ("コピーしました。", "Copied."),
    CopySelected => ("リンクを選択しました。コピーして控えてください。", "The link is selected: copy it and keep it."),
    FollowTitle => ("相談の確認", "Your consultation"),
    FollowNoKey => ("専用URLが正しくありません。受付時に表示されたURLをそのまま開いてください。", "This private link is not valid; open the link you were given, as it is."),
    FollowAdd => ("追記する", "Add to it"),
    FollowAdded => ("追記しました。", "Added."),
    AuthorReporter => ("相談者", "Reporter"),
    AuthorOfficer => ("相談窓口", "The desk"),
    InboxTitle => ("相談受付一覧", "Consultations"),
    InboxLead => (
        "相談の内容は一覧には表示されません。開いた記録は監査ログに残ります。",
        "The list shows no content; each opening is recorded in the audit log.",
    ),
    InboxEmpty => ("相談はありません。", "No consultations."),
    InboxCaption => ("受け付けた相談", "Consultations received"),
    ConsultationOpenButton => ("開く", "Open"),
    ConsultationStatusOpen => ("回答待ち", "Awaiting an answer"),
    ConsultationStatusAnswered => ("回答済み", "Answered"),
    AnswerButton => ("回答を送信", "Send the answer"),
    ColMessages => ("件数", "Messages"),
    ColReceived => ("受付日時", "Received"),
    ColUpdated => ("更新日時", "Updated"),
    ColCategory => ("種類", "Kind"),
    AdminSocietiesTitle => ("学会システム", "Societies' systems"),
    AdminSocietiesLead => (
        "各学会のシステムは、領域ごとのクライアントとしてAPIに接続します。シークレットは発行時に一度だけ表示され、ハッシュのみ保存されます。新しいシークレットを追加してから古いものを失効させると、停止せずに切り替えられます。",
        "Each society's system reaches the API as a client of one specialty. A secret is shown once, when it is issued, and only its hash is kept; add a new one before revoking the old to rotate without downtime.",
    ),
    AdminNewClient => ("クライアントを登録", "Register a client"),
    AdminCreateClient => ("登録する", "Register"),
    AdminSecretShownOnce => (
        "このシークレットは今だけ表示されます。学会に安全な方法で伝えてください。",
        "This secret is shown only now: pass it to the society by a safe channel.",
    ),
    ColClientId => ("client_id", "client_id"),
    ColSecrets => ("シークレット", "Secrets"),
    ColIssued => ("発行日時", "Issued"),
    AdminAddSecret => ("シークレットを追加", "Add a secret"),
    AdminRevokeSecret => ("失効", "Revoke"),
    AdminRevokeClient => ("クライアントを失効", "Revoke the client"),
    Revoked => ("失効済み", "Revoked"),
    NoClients => ("登録されたクライアントはありません。", "No client yet."),
    ClientsCaption => ("学会のクライアント", "Societies' clients"),
    WebhookEndpoints => ("Webhook送信先", "Webhook endpoints"),
    NoEndpoints => ("送信先は登録されていません。", "No endpoint registered."),
    ShowEndpoints => ("送信先を表示", "Show the endpoints"),
    EndpointDelivered => ("送信済み", "Delivered"),
    EndpointPending => ("送信待ち", "Pending"),
    EndpointFailed => ("送信失敗", "Failed"),
    EndpointLastDelivered => ("最終送信", "Last delivered"),
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = self.texts();
        lang.pick(ja, en)
    }
}

/// The current language, shared through context. `Copy`, so closures in views can capture it.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of `msg` in the current language; reactive when called inside a closure.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn toggle(&self) {
        self.lang.update(|lang| *lang = lang.other());
    }
}

/// The catalogue in context; provided once by the app.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The label of a form field, by its API name (`family_name_kana`): the catalogue's, which may
/// say more than the domain's (住所（市区町村以降）), else the domain's own label.
pub fn field_label(lang: Lang, field: &str) -> &'static str {
    field_label_msg(field).map_or_else(
        || lang.pick(error::field_label_ja(field), error::field_label_en(field)),
        |msg| msg.text(lang),
    )
}

fn field_label_msg(field: &str) -> Option<Msg> {
    use Msg::*;
    Some(match field {
        "family_name" => LabelFamilyName,
        "given_name" => LabelGivenName,
        "family_name_kana" => LabelFamilyNameKana,
        "given_name_kana" => LabelGivenNameKana,
        "date_of_birth" => LabelDateOfBirth,
        "gender" => LabelGender,
        "medical_registration_number" => LabelMedicalRegistrationNumber,
        "license_year_month" => LabelLicenseYearMonth,
        "postal_code" => LabelPostalCode,
        "prefecture" => LabelPrefecture,
        "address" => LabelAddress,
        "phone" => LabelPhone,
        "clinical_training_program" => LabelClinicalTrainingProgram,
        "clinical_training_completed_on" => LabelClinicalTrainingCompletedOn,
        "specialty" => LabelSpecialty,
        "track" => LabelTrack,
        "curriculum_reason" => LabelCurriculumReason,
        "curriculum_reason_detail" => LabelCurriculumReasonDetail,
        "regional_quota" => LabelRegionalQuotaShort,
        "regional_quota_prefecture" => LabelRegionalQuotaPrefecture,
        "regional_quota_consent" => LabelRegionalQuotaConsentShort,
        "email" => LabelEmail,
        "password" => LabelPassword,
        "password_confirm" => LabelPasswordConfirm,
        "login" => LabelLogin,
        "legacy_user_id" => LabelLegacyUserId,
        "user_id" => LabelUserId,
        "application_starts_at" => LabelApplicationStartsAt,
        "adjustment_ends_at" => LabelAdjustmentEndsAt,
        "confirmation_ends_at" => LabelConfirmationEndsAt,
        "base_facility_id" => ColBaseFacility,
        "facility_id" => FieldTrainingFacility,
        "program_ids" => AdminDirectorPrograms,
        _ => return None,
    })
}

/// The message for a refused field, from its API field name and the code of the refusal: the
/// domain's own message (rebuilt by [`DomainError::from_field_code`]), so a server `errors[]`
/// entry and the SPA's own parse read the same, in the reader's language.
pub fn field_error_text(lang: Lang, field: &str, code: &str) -> String {
    let own = match code {
        crate::form::PASSWORD_MISMATCH => Some(Msg::ProblemPasswordMismatch),
        "registration-number-taken" => Some(Msg::ProblemRegistrationNumberTaken),
        "email-taken" => Some(Msg::ProblemEmailTaken),
        "incomplete-period" => Some(Msg::ProblemIncompletePeriod),
        _ => None,
    };
    if let Some(msg) = own {
        return msg.text(lang).to_string();
    }
    // The repeated password is refused as the password is.
    let field = if field == "password_confirm" { "password" } else { field };
    // A schedule problem reads the same on whichever instant of the period it is shown.
    let refusal = DomainError::from_field_code(field, code).or_else(|| schedule_refusal(code));
    match (refusal, lang) {
        (Some(refusal), Lang::Ja) => refusal.message_ja(),
        (Some(refusal), Lang::En) => refusal.message_en(),
        // A code newer than this SPA, or a field the domain does not name.
        (None, Lang::Ja) => format!("{}が正しくありません。", field_label(lang, field)),
        (None, Lang::En) => format!("{} is not valid.", field_label(lang, field)),
    }
}

/// The domain's schedule refusal with this code, whichever field it belongs to.
fn schedule_refusal(code: &str) -> Option<DomainError> {
    const SCHEDULE_FIELDS: [&str; 4] =
        ["application_ends_at", "adjustment_starts_at", "results_at", "confirmation_starts_at"];
    SCHEDULE_FIELDS
        .into_iter()
        .filter_map(|field| DomainError::from_field_code(field, code))
        .find(|refusal| matches!(refusal, DomainError::InvalidSchedule(_)))
}

/// The domain's refusal behind a problem `code`, where the domain has one.
fn domain_refusal(code: &str) -> Option<DomainError> {
    DomainError::from_rule_code(code)
}

/// The catalogue's key for a problem `code` the API makes on its own.
fn problem_msg(code: &str) -> Option<Msg> {
    Some(match code {
        "network" => Msg::ErrorNetwork,
        "invalid-credentials" => Msg::ProblemInvalidCredentials,
        "too-many-attempts" => Msg::ProblemTooManyAttempts,
        "too-many-requests" => Msg::ProblemTooManyRequests,
        "registration-number-taken" => Msg::ProblemRegistrationNumberTaken,
        "email-taken" => Msg::ProblemEmailTaken,
        "link-not-found" => Msg::ProblemLinkNotFound,
        "validation-failed" => Msg::ProblemValidationFailed,
        "not-found" => Msg::ProblemNotFound,
        "invalid-refresh-token" | "unauthorized" | "invalid-token" => Msg::NoticeSessionExpired,
        "forbidden" => Msg::ProblemForbidden,
        "unexpected-response" => Msg::ErrorUnexpected,
        // The domain's message names the states in English; the code alone does not carry them.
        "invalid-transition" => Msg::ProblemInvalidTransition,
        "round-exists" => Msg::ProblemRoundExists,
        "round-has-applications" => Msg::ProblemRoundHasApplications,
        "already-exists" => Msg::ProblemAlreadyExists,
        "program-has-applications" => Msg::ProblemProgramHasApplications,
        "second-factor-required" => Msg::ProblemSecondFactorRequired,
        "invalid-second-factor" => Msg::ProblemInvalidSecondFactor,
        "second-factor-setup-required" => Msg::ProblemSecondFactorSetupRequired,
        "second-factor-enabled" => Msg::ProblemSecondFactorEnabled,
        "no-second-factor-pending" => Msg::ProblemNoSecondFactorPending,
        "cannot-disable-self" => Msg::ProblemCannotDisableSelf,
        "cannot-reset-own-second-factor" => Msg::ProblemCannotResetOwnSecondFactor,
        _ => return None,
    })
}

/// What to do next after a refusal with this `code`, where there is something to say.
pub fn next_step(code: &str) -> Option<Msg> {
    Some(match code {
        "outside-application-period" => Msg::NextOutsideApplicationPeriod,
        "already-applied-in-round" => Msg::NextAlreadyApplied,
        "not-eligible" => Msg::NextNotEligible,
        "specialty-mismatch" => Msg::NextSpecialtyMismatch,
        "program-not-recruiting" => Msg::NextProgramNotRecruiting,
        "withdrawal-closed" => Msg::NextWithdrawalClosed,
        "invalid-transition" => Msg::NextInvalidTransition,
        "outside-adjustment-period" => Msg::NextOutsideAdjustmentPeriod,
        "capacity-exceeded" | "ceiling-exceeded" => Msg::NextLimitExceeded,
        "outside-confirmation-period" => Msg::NextOutsideConfirmationPeriod,
        _ => return None,
    })
}

/// What to tell people about a problem, by its `code` — never the server's Japanese `detail` to
/// an English reader.
pub fn problem_text(lang: Lang, code: &str, status: u16, detail: &str) -> String {
    if let Some(refusal) = domain_refusal(code) {
        return match lang {
            Lang::Ja => refusal.message_ja(),
            Lang::En => refusal.message_en(),
        };
    }
    if let Some(msg) = problem_msg(code) {
        return msg.text(lang).to_string();
    }
    let by_status = match status {
        401 => Some(Msg::NoticeSessionExpired),
        403 => Some(Msg::ProblemForbidden),
        404 => Some(Msg::ProblemNotFound),
        422 => Some(Msg::ProblemValidationFailed),
        429 => Some(Msg::ProblemTooManyRequests),
        _ => None,
    };
    match (by_status, lang) {
        (Some(msg), _) => msg.text(lang).to_string(),
        (None, Lang::Ja) if !detail.is_empty() => detail.to_string(),
        (None, _) => Msg::ErrorUnexpected.text(lang).to_string(),
    }
}

/// The name of a gender code (`male`, `female`, `unanswered`), as the domain names it.
pub fn gender_label(lang: Lang, code: &str) -> Option<&'static str> {
    Gender::parse(code).ok().map(|gender| lang.pick(gender.name_ja(), gender.name_en()))
}

/// The name of a track code (`program`, `curriculum`).
pub fn track_label(lang: Lang, code: &str) -> Option<&'static str> {
    let msg = match code {
        "program" => Msg::TrackProgram,
        "curriculum" => Msg::TrackCurriculum,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// The name of a curriculum-track reason code.
pub fn curriculum_reason_label(lang: Lang, code: &str) -> Option<&'static str> {
    let msg = match code {
        "obligatory-service" => Msg::ReasonObligatoryService,
        "regional-medicine" => Msg::ReasonRegionalMedicine,
        "other" => Msg::ReasonOther,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// Years since the licence: `3年` / `3 years`.
pub fn format_years(lang: Lang, years: i32) -> String {
    match lang {
        Lang::Ja => format!("{years}年"),
        Lang::En if years == 1 => "1 year".to_string(),
        Lang::En => format!("{years} years"),
    }
}

/// The name of a recruitment round kind (1次募集 …).
pub fn round_kind_name(lang: Lang, kind: RoundKind) -> &'static str {
    match lang {
        Lang::Ja => kind.name_ja(),
        Lang::En => kind.name_en(),
    }
}

/// A round by its year and kind: `2024年度 1次募集` / `2024 First round`.
pub fn round_name(lang: Lang, year: i32, kind: RoundKind) -> String {
    format!("{} {}", format_year(lang, year), round_kind_name(lang, kind))
}

/// The name of an application's status (応募中, 取下げ …), as the domain names it.
pub fn status_label(lang: Lang, status: ApplicationStatus) -> &'static str {
    lang.pick(status.name_ja(), status.name_en())
}

/// The label of an announcement's audience.
pub fn audience_label(lang: Lang, audience: Audience) -> &'static str {
    let msg = match audience {
        Audience::Residents => Msg::AudienceResidents,
        Audience::Directors => Msg::AudienceDirectors,
        Audience::All => Msg::AudienceAll,
    };
    msg.text(lang)
}

fn weekday_ja(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// An instant in Japan time with the zone named: `2023年11月1日(水) 12:00 JST` /
/// `Wed 1 Nov 2023 12:00 JST`.
pub fn format_instant(lang: Lang, instant: DateTime<Utc>) -> String {
    let jst = to_jst(instant);
    let (hour, minute) = (jst.hour(), jst.minute());
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日({}) {hour:02}:{minute:02} JST",
            jst.year(),
            jst.month(),
            jst.day(),
            weekday_ja(jst.weekday()),
        ),
        Lang::En => format!(
            "{} {} {} {} {hour:02}:{minute:02} JST",
            jst.weekday(),
            jst.day(),
            MONTHS_EN[jst.month0() as usize],
            jst.year(),
        ),
    }
}

/// A date in Japan time, without the hour: `2024年4月1日` / `1 Apr 2024`.
pub fn format_date(lang: Lang, instant: DateTime<Utc>) -> String {
    let jst = to_jst(instant);
    match lang {
        Lang::Ja => format!("{}年{}月{}日", jst.year(), jst.month(), jst.day()),
        Lang::En => format!("{} {} {}", jst.day(), MONTHS_EN[jst.month0() as usize], jst.year()),
    }
}

/// A day (a training period's first or last): `2024年4月1日` / `1 Apr 2024`.
pub fn format_day(lang: Lang, day: chrono::NaiveDate) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
        Lang::En => format!("{} {} {}", day.day(), MONTHS_EN[day.month0() as usize], day.year()),
    }
}

/// Who acted at a step of a workflow, as people call them.
pub fn actor_name(lang: Lang, role: senkoi_domain::Role) -> &'static str {
    use senkoi_domain::Role;
    match role {
        Role::Resident => Msg::ActorResident,
        Role::Director => Msg::ActorDirector,
        Role::Society => Msg::ActorSociety,
        Role::Admin => Msg::ActorBoard,
        Role::ConsultationOfficer => Msg::ActorOfficer,
    }
    .text(lang)
}

/// A recruitment year (年度): `2024年度` / `2024`.
pub fn format_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Ja => format!("{year}年度"),
        Lang::En => format!("{year}"),
    }
}

/// The total of a search: `全 123 件` / `123 programs`.
pub fn format_total(lang: Lang, total: u64) -> String {
    match lang {
        Lang::Ja => format!("全 {total} 件"),
        Lang::En if total == 1 => "1 program".to_string(),
        Lang::En => format!("{total} programs"),
    }
}

/// Which rows of the total are shown: `1〜20 件目を表示` / `showing 1–20`.
pub fn format_range(lang: Lang, first: u64, last: u64) -> String {
    match lang {
        Lang::Ja => format!("{first}〜{last} 件目を表示"),
        Lang::En => format!("showing {first}–{last}"),
    }
}

/// The position in the pages: `2 / 7 ページ` / `Page 2 of 7`.
pub fn format_page(lang: Lang, page: u64, pages: u64) -> String {
    match lang {
        Lang::Ja => format!("{page} / {pages} ページ"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

/// A head count: `12 名` / `12`.
pub fn format_people(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ja => format!("{n} 名"),
        Lang::En => n.to_string(),
    }
}

/// The applicants found: `全 12 名` / `12 applicants`.
pub fn format_applicants(lang: Lang, total: u64) -> String {
    match lang {
        Lang::Ja => format!("全 {total} 名"),
        Lang::En if total == 1 => "1 applicant".to_string(),
        Lang::En => format!("{total} applicants"),
    }
}

/// How many rows are selected: `2 名を選択中` / `2 selected`.
/// What a bulk decision changed: `3 名の採否を登録しました。` / `3 decisions recorded.`
pub fn format_bulk_saved(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 名の採否を登録しました。"),
        Lang::En => format!("{n} decisions recorded."),
    }
}

pub fn format_selected(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 名を選択中"),
        Lang::En => format!("{n} selected"),
    }
}

/// A limit and the hires counted against it: `（上限 10 名・採用済み 9 名）` /
/// `(limit 10, 9 hired)`.
pub fn format_limit(lang: Lang, limit: u32, hired: u32) -> String {
    match lang {
        Lang::Ja => format!("（上限 {limit} 名・採用済み {hired} 名）"),
        Lang::En => format!("(limit {limit}, {hired} hired)"),
    }
}

/// The accessible name of a control about one applicant: `山田 太郎：採否` / `Decision: 山田 太郎`.
pub fn about_applicant(lang: Lang, msg: Msg, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{name}：{}", msg.text(lang)),
        Lang::En => format!("{}: {name}", msg.text(lang)),
    }
}

/// A line of an uploaded file: `3行目` / `Line 3`.
pub fn format_line(lang: Lang, line: u64) -> String {
    match lang {
        Lang::Ja => format!("{line}行目"),
        Lang::En => format!("Line {line}"),
    }
}

/// The rows an import saved: `12 件を登録しました。` / `12 rows imported.`
pub fn format_imported(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Ja => format!("{n} 件を登録しました。"),
        Lang::En if n == 1 => "1 row imported.".to_string(),
        Lang::En => format!("{n} rows imported."),
    }
}

/// The browser tab's title for a page.
pub fn page_title(lang: Lang, page: Option<&str>) -> String {
    let system = Msg::SystemName.text(lang);
    match page {
        Some(page) => format!("{page} | {system}"),
        None => system.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_are_shown_in_japan_time_with_the_zone_named() {
        let noon_jst = Utc.with_ymd_and_hms(2023, 11, 1, 3, 0, 0).unwrap();
        assert_eq!(format_instant(Lang::Ja, noon_jst), "2023年11月1日(水) 12:00 JST");
        assert_eq!(format_instant(Lang::En, noon_jst), "Wed 1 Nov 2023 12:00 JST");
    }

    fn has_japanese(text: &str) -> bool {
        text.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
    }

    #[test]
    fn every_key_has_both_languages_and_the_english_is_english() {
        for msg in Msg::ALL {
            let (ja, en) = msg.texts();
            assert!(!ja.is_empty() && !en.is_empty(), "{msg:?}");
            // The toggle speaks the other language on purpose, and the hints quote what to type (なし, 〒).
            if !matches!(
                msg,
                Msg::LangToggle
                    | Msg::LangToggleLabel
                    | Msg::HintClinicalTrainingProgram
                    | Msg::HintPostalCode
            ) {
                assert!(!has_japanese(en), "{msg:?}: {en}");
            }
        }
    }

    #[test]
    fn every_field_error_reads_in_both_languages_and_english_has_no_japanese() {
        let fields = crate::form::RESIDENT_FIELDS.iter().chain(["email", "login", "legacy_user_id"].iter());
        for field in fields {
            assert!(!field_label(Lang::Ja, field).is_empty(), "{field}");
            assert!(!field_label(Lang::En, field).is_empty(), "{field}");
            for code in error::FIELD_CODES.iter().chain(["password-mismatch", "some-new-code"].iter()) {
                let ja = field_error_text(Lang::Ja, field, code);
                let en = field_error_text(Lang::En, field, code);
                assert!(has_japanese(&ja), "{field} {code}: {ja}");
                assert!(!has_japanese(&en) && !en.contains('_'), "{field} {code}: {en}");
            }
        }
    }

    #[test]
    fn field_errors_are_the_domains_messages() {
        assert_eq!(field_error_text(Lang::Ja, "family_name", "required"), "氏名（姓）を入力してください。");
        assert_eq!(field_error_text(Lang::En, "family_name", "required"), "Family name is required.");
        assert_eq!(
            field_error_text(Lang::Ja, "email", "mobile-carrier-email"),
            "携帯電話のメールアドレスは登録できません。"
        );
        assert_eq!(
            field_error_text(Lang::Ja, "login", "required"),
            "ユーザIDまたはメールアドレスを入力してください。"
        );
        assert_eq!(field_error_text(Lang::En, "gender", "invalid-gender"), "Please choose the gender.");
        assert_eq!(
            field_error_text(Lang::Ja, "password_confirm", "required"),
            "パスワードを入力してください。"
        );
        assert_eq!(field_error_text(Lang::En, "phone", "some-new-code"), "Phone number is not valid.");
        assert_eq!(field_error_text(Lang::Ja, "phone", "some-new-code"), "電話番号が正しくありません。");
        assert_eq!(field_error_text(Lang::En, "token", "required"), "This field is not valid.");
    }

    #[test]
    fn a_server_field_error_reads_as_the_domains_own_refusal_in_either_language() {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date");
        let form = senkoi_domain::resident::ResidentForm {
            track: "curriculum".into(),
            curriculum_reason: Some("study-abroad".into()),
            regional_quota: true,
            regional_quota_prefecture: Some("48".into()),
            ..Default::default()
        };
        let refusals = form.parse(today).expect_err("an incomplete form");
        assert!(refusals.len() > 15);
        for refusal in refusals {
            let (field, code) = (refusal.field().unwrap_or_default(), refusal.code());
            assert_eq!(field_error_text(Lang::Ja, field, code), refusal.message_ja(), "{field} {code}");
            assert_eq!(field_error_text(Lang::En, field, code), refusal.message_en(), "{field} {code}");
        }
    }

    #[test]
    fn gender_names_come_from_the_domain() {
        assert_eq!(gender_label(Lang::Ja, "female"), Some("女性"));
        assert_eq!(gender_label(Lang::En, "unanswered"), Some("Prefer not to say"));
        assert_eq!(gender_label(Lang::En, "other"), None);
    }

    #[test]
    fn a_field_the_catalogue_does_not_label_takes_the_domains_label() {
        assert_eq!(field_label(Lang::Ja, "address"), "住所（市区町村以降）");
        assert_eq!(field_label(Lang::Ja, "kind"), "募集区分");
        assert_eq!(field_label(Lang::En, "kind"), "Round kind");
    }

    #[test]
    fn problems_read_by_code_and_english_never_shows_the_servers_japanese() {
        let codes = [
            "registration-link-expired",
            "registration-link-used",
            "link-expired",
            "link-used",
            "invalid-credentials",
            "too-many-attempts",
            "too-many-requests",
            "profile-locked",
            "application-live",
            "registration-number-taken",
            "email-taken",
            "link-not-found",
            "invalid-token",
            "network",
            "validation-failed",
            "not-found",
            "invalid-refresh-token",
            "outside-application-period",
            "already-applied-in-round",
            "not-eligible",
            "specialty-mismatch",
            "program-not-recruiting",
            "withdrawal-closed",
            "invalid-transition",
            "outside-adjustment-period",
            "not-declinable",
            "already-confirmed",
            "outside-confirmation-period",
            "link-superseded",
            "second-factor-required",
            "invalid-second-factor",
            "second-factor-setup-required",
            "second-factor-enabled",
            "no-second-factor-pending",
            "cannot-disable-self",
            "cannot-reset-own-second-factor",
            "something-new",
        ];
        for code in codes {
            let ja = problem_text(Lang::Ja, code, 409, "サーバーの説明");
            let en = problem_text(Lang::En, code, 409, "サーバーの説明");
            assert!(has_japanese(&ja), "{code}");
            assert!(!has_japanese(&en), "{code}: {en}");
        }
        assert_eq!(problem_text(Lang::Ja, "something-new", 409, "サーバーの説明"), "サーバーの説明");
        assert_eq!(
            problem_text(Lang::Ja, "invalid-credentials", 401, "x"),
            "ユーザIDまたはパスワードが正しくありません。"
        );
    }

    #[test]
    fn an_application_refusal_reads_as_the_domains_refusal_with_what_to_do_next() {
        let refusals = [
            DomainError::OutsideApplicationPeriod,
            DomainError::AlreadyAppliedInRound,
            DomainError::NotEligible,
            DomainError::SpecialtyMismatch,
            DomainError::ProgramNotRecruiting,
            DomainError::WithdrawalClosed,
        ];
        for refusal in refusals {
            let code = refusal.code();
            assert_eq!(problem_text(Lang::Ja, code, 409, "x"), refusal.message_ja(), "{code}");
            assert_eq!(problem_text(Lang::En, code, 409, "x"), refusal.message_en(), "{code}");
            assert!(next_step(code).is_some(), "{code} says what to do next");
        }
        assert_eq!(
            problem_text(Lang::Ja, "withdrawal-closed", 409, ""),
            "採用期間中は応募の取り下げはできません。"
        );
        assert!(next_step("invalid-transition").is_some());
        assert_eq!(next_step("invalid-credentials"), None);
    }

    #[test]
    fn a_decision_refusal_reads_as_the_domains_refusal_with_what_to_do_next() {
        let refusals = [
            DomainError::OutsideAdjustmentPeriod,
            DomainError::NotDeclinable,
            DomainError::OutsideConfirmationPeriod,
            DomainError::AlreadyConfirmed,
        ];
        for refusal in refusals {
            let code = refusal.code();
            assert_eq!(problem_text(Lang::Ja, code, 409, "x"), refusal.message_ja(), "{code}");
            assert_eq!(problem_text(Lang::En, code, 409, "x"), refusal.message_en(), "{code}");
        }
        for code in [
            "outside-adjustment-period",
            "capacity-exceeded",
            "ceiling-exceeded",
            "outside-confirmation-period",
        ] {
            assert!(next_step(code).is_some(), "{code} says what to do next");
        }
    }

    #[test]
    fn statuses_and_rounds_are_named_as_the_domain_names_them() {
        assert_eq!(status_label(Lang::Ja, ApplicationStatus::Applied), "応募中");
        assert_eq!(status_label(Lang::En, ApplicationStatus::Withdrawn), "Withdrawn");
        assert_eq!(round_name(Lang::Ja, 2024, RoundKind::First), "2024年度 1次募集");
        assert_eq!(round_name(Lang::En, 2024, RoundKind::First), "2024 First round");
    }

    #[test]
    fn the_toggle_names_the_other_language() {
        assert_eq!(Msg::LangToggle.text(Lang::Ja), "English");
        assert_eq!(Msg::LangToggle.text(Lang::En), "日本語");
    }
}
