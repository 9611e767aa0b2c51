//! What Senkoi mails, in Japanese with an English line: one variant per notice of docs/rules.md
//! ("Notices by email"), rendered to a subject and a plain-text body.

use chrono::{DateTime, Utc};
use senkoi_domain::round::RoundKind;
use senkoi_domain::time::to_jst;

use super::workflow::WorkflowMail;

/// One mail to one resident or staff member.
#[derive(Debug, Clone, PartialEq)]
pub enum Mail {
    /// Registration step 2: the single-use link, valid until `expires_at`.
    RegistrationLink { token: String, expires_at: DateTime<Utc> },
    /// Someone asked to register an address that has an account already.
    AlreadyRegistered { user_id: String },
    /// Registration done: the user ID (step 4).
    Registered { user_id: String },
    /// Forgot password: a link valid until `expires_at`.
    PasswordReset { token: String, expires_at: DateTime<Utc> },
    /// The board invited a program director: a link to set the first password.
    StaffInvitation { name: String, role: senkoi_domain::Role, token: String, expires_at: DateTime<Utc> },
    /// The password was changed (through a reset link or a migration).
    PasswordChanged,
    /// Forgot user ID.
    UserIdReminder { user_id: String },
    /// Legacy migration: a link to set the password of the moved account.
    LegacyMigrationLink { token: String, expires_at: DateTime<Utc> },
    /// The account was deleted.
    AccountDeleted { user_id: String },
    /// An application was received: the receipt to keep.
    ApplicationReceived { receipt: Receipt },
    /// An application was withdrawn; the resident may apply again until `application_ends_at`.
    WithdrawalConfirmed { receipt: Receipt, application_ends_at: DateTime<Utc> },
    /// A round's results can be seen on my page. Says nothing of the decision itself.
    ResultsAvailable { round: RoundName },
    /// A round opens for applications.
    RoundOpening { round: RoundName, starts_at: DateTime<Utc>, ends_at: DateTime<Utc> },
    /// A step of training records, completion or the consultation desk.
    Workflow(WorkflowMail),
}

/// A round as mail names it: `2024年度 1次募集`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundName {
    pub year: i32,
    pub kind: RoundKind,
}

impl RoundName {
    fn ja(&self) -> String {
        format!("{}年度 {}", self.year, self.kind.name_ja())
    }

    fn en(&self) -> String {
        format!("{} of {}", self.kind.name_en(), self.year)
    }
}

/// What an application's mails say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub receipt_number: String,
    pub program_name: String,
    pub round: RoundName,
    pub at: DateTime<Utc>,
}

/// A mail ready to queue.
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

const SIGNATURE: &str = "\n--\n一般社団法人 日本専門医機構 専攻医登録システム\n\
    Senkoi — the specialty board's registration system\n\
    このメールは送信専用です。ご返信いただいてもお答えできません。\n\
    This address does not receive replies.\n";

/// `2023年11月14日 12:00 (JST)`.
fn jst(at: DateTime<Utc>) -> String {
    to_jst(at).format("%Y年%m月%d日 %H:%M (JST)").to_string()
}

impl Mail {
    pub fn render(&self, public_url: &str) -> Rendered {
        let base = public_url.trim_end_matches('/');
        let (subject, body) = match self {
            Mail::RegistrationLink { token, expires_at } => (
                "【専攻医登録】登録用URLのお知らせ / Your registration link".to_string(),
                format!(
                    "専攻医登録システムへのメールアドレスの登録を受け付けました。\n\
                     次のURLから情報を入力し、登録を完了してください。\n\n\
                     {base}/register/{token}\n\n\
                     このURLの有効期限は {} です。有効期限を過ぎた場合や、一度使用したURLは利用できません。\n\
                     その場合は、もう一度メールアドレスの登録から操作してください。\n\
                     お心当たりのない場合は、このメールを破棄してください。\n\n\
                     English: open the link above to complete your registration. It works once, until {}.\n",
                    jst(*expires_at),
                    jst(*expires_at),
                ),
            ),
            Mail::AlreadyRegistered { user_id } => (
                "【専攻医登録】このメールアドレスは登録済みです / Already registered".to_string(),
                format!(
                    "このメールアドレスで専攻医登録の申し込みがありましたが、すでにアカウントが登録されています。\n\
                     ユーザID: {user_id}\n\
                     ログイン: {base}/login\n\
                     パスワードをお忘れの場合: {base}/forgot-password\n\
                     お心当たりのない場合は、このメールを破棄してください。\n\n\
                     English: this address already has an account (user ID above); sign in or reset your password.\n"
                ),
            ),
            Mail::Registered { user_id } => (
                "【専攻医登録】登録完了とユーザIDのお知らせ / Registration complete".to_string(),
                format!(
                    "専攻医登録システムへの登録が完了しました。\n\n\
                     ユーザID: {user_id}\n\n\
                     ログインにはこのユーザIDと登録したパスワードが必要です。大切に保管してください。\n\
                     ログイン: {base}/login\n\n\
                     English: your registration is complete. Your user ID is {user_id}; keep it to sign in.\n"
                ),
            ),
            Mail::PasswordReset { token, expires_at } => (
                "【専攻医登録】パスワード再設定のご案内 / Reset your password".to_string(),
                format!(
                    "パスワード再設定の申し込みを受け付けました。次のURLから新しいパスワードを設定してください。\n\n\
                     {base}/reset-password/{token}\n\n\
                     このURLの有効期限は {} です（1回のみ有効）。\n\
                     お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。\n\n\
                     English: open the link above within one hour to set a new password. If you did not ask, ignore this mail.\n",
                    jst(*expires_at),
                ),
            ),
            Mail::StaffInvitation { name, role, token, expires_at } => (
                format!(
                    "【専攻医登録】{}アカウントのご案内 / Your {} account",
                    role.label_ja(),
                    role.label_en()
                ),
                format!(
                    "{name} 様\n\n\
                     日本専門医機構より、専攻医登録システムの{}アカウントを発行しました。\n\
                     次のURLからパスワード（12文字以上）を設定し、メールアドレスでログインしてください。\n\n\
                     {base}/reset-password/{token}\n\n\
                     このURLの有効期限は {} です（1回のみ有効）。\n\
                     お心当たりのない場合は、このメールを破棄してください。\n\n\
                     English: the board made you a {} account. Open the link above within 7 days to set \
                     your password (12 characters or more), then sign in with this email address.\n",
                    role.label_ja(),
                    jst(*expires_at),
                    role.label_en(),
                ),
            ),
            Mail::PasswordChanged => (
                "【専攻医登録】パスワードを変更しました / Your password was changed".to_string(),
                format!(
                    "専攻医登録システムのパスワードが変更されました。\n\
                     お心当たりのない場合は、直ちにパスワードを再設定してください: {base}/forgot-password\n\n\
                     English: your password was changed. If this was not you, reset it at once.\n"
                ),
            ),
            Mail::UserIdReminder { user_id } => (
                "【専攻医登録】ユーザIDのお知らせ / Your user ID".to_string(),
                format!(
                    "ご登録のユーザIDをお知らせします。\n\n\
                     ユーザID: {user_id}\n\
                     ログイン: {base}/login\n\n\
                     English: your user ID is {user_id}.\n"
                ),
            ),
            Mail::LegacyMigrationLink { token, expires_at } => (
                "【専攻医登録】アカウント移行のご案内 / Move your account".to_string(),
                format!(
                    "旧システムからのアカウント移行の申し込みを受け付けました。\n\
                     次のURLからパスワードを設定すると、移行が完了します。\n\n\
                     {base}/migrate/{token}\n\n\
                     このURLの有効期限は {} です（1回のみ有効）。\n\
                     お心当たりのない場合は、このメールを破棄してください。\n\n\
                     English: open the link above to set your password and finish moving your account.\n",
                    jst(*expires_at),
                ),
            ),
            Mail::AccountDeleted { user_id } => (
                "【専攻医登録】ユーザIDを削除しました / Your account was deleted".to_string(),
                format!(
                    "ユーザID {user_id} を削除しました。\n\
                     別の領域に応募する場合は、あらためて新規登録を行ってください: {base}/register\n\n\
                     English: the account {user_id} was deleted. Register again to apply in another specialty.\n"
                ),
            ),
            Mail::ApplicationReceived { receipt } => (
                "【専攻医登録】応募を受け付けました / Application received".to_string(),
                format!(
                    "次のとおり応募を受け付けました。この内容は受付の証明となりますので保管してください。\n\n\
                     受付番号: {}\n\
                     プログラム: {}\n\
                     募集: {}\n\
                     受付日時: {}\n\n\
                     応募状況はマイページで確認できます: {base}/me\n\n\
                     English: your application was received (receipt number {}, {}); keep this mail.\n",
                    receipt.receipt_number,
                    receipt.program_name,
                    receipt.round.ja(),
                    jst(receipt.at),
                    receipt.receipt_number,
                    receipt.round.en(),
                ),
            ),
            Mail::WithdrawalConfirmed { receipt, application_ends_at } => (
                "【専攻医登録】応募を取り下げました / Application withdrawn".to_string(),
                format!(
                    "次の応募を取り下げました。\n\n\
                     受付番号: {}\n\
                     プログラム: {}\n\
                     募集: {}\n\
                     取下げ日時: {}\n\n\
                     応募期間（{} まで）中であれば、あらためて応募できます: {base}/programs\n\n\
                     English: your application {} was withdrawn. You may apply again until {}.\n",
                    receipt.receipt_number,
                    receipt.program_name,
                    receipt.round.ja(),
                    jst(receipt.at),
                    jst(*application_ends_at),
                    receipt.receipt_number,
                    jst(*application_ends_at),
                ),
            ),
            Mail::ResultsAvailable { round } => (
                format!("【専攻医登録】{}の採用結果を公開しました / Results available", round.ja()),
                format!(
                    "{}の採用結果を公開しました。マイページでご確認ください: {base}/me\n\n\
                     English: the results of the {} are available on your page.\n",
                    round.ja(),
                    round.en(),
                ),
            ),
            Mail::RoundOpening { round, starts_at, ends_at } => (
                format!("【専攻医登録】{}の応募受付を開始しました / Applications open", round.ja()),
                format!(
                    "{}の応募受付を開始しました。\n\
                     応募期間: {} 〜 {}\n\
                     プログラムの検索と応募: {base}/programs\n\n\
                     English: applications for the {} are open from {} until {}.\n",
                    round.ja(),
                    jst(*starts_at),
                    jst(*ends_at),
                    round.en(),
                    jst(*starts_at),
                    jst(*ends_at),
                ),
            ),
            Mail::Workflow(mail) => mail.render(base),
        };
        Rendered { subject, body: format!("{body}{SIGNATURE}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use senkoi_domain::time::noon_jst;

    #[test]
    fn a_registration_link_mail_carries_the_link_and_its_expiry_in_japan_time() {
        let mail = Mail::RegistrationLink { token: "abc".into(), expires_at: noon_jst(2023, 11, 2) };
        let rendered = mail.render("https://senkoi.example.jp/");
        assert!(rendered.body.contains("https://senkoi.example.jp/register/abc\n"));
        assert!(rendered.body.contains("2023年11月02日 12:00 (JST)"));
        assert!(rendered.subject.starts_with("【専攻医登録】"));
        assert!(rendered.body.contains("English:"));
    }

    #[test]
    fn every_mail_has_a_japanese_subject_an_english_line_and_the_signature() {
        let at = noon_jst(2024, 1, 1);
        let mails = [
            Mail::RegistrationLink { token: "t".into(), expires_at: at },
            Mail::AlreadyRegistered { user_id: "S1".into() },
            Mail::Registered { user_id: "S1".into() },
            Mail::PasswordReset { token: "t".into(), expires_at: at },
            Mail::PasswordChanged,
            Mail::StaffInvitation {
                name: "山田 太郎".into(),
                role: senkoi_domain::Role::Director,
                token: "t".into(),
                expires_at: at,
            },
            Mail::UserIdReminder { user_id: "S1".into() },
            Mail::LegacyMigrationLink { token: "t".into(), expires_at: at },
            Mail::AccountDeleted { user_id: "S1".into() },
            Mail::ApplicationReceived { receipt: receipt() },
            Mail::WithdrawalConfirmed { receipt: receipt(), application_ends_at: Utc::now() },
            Mail::ResultsAvailable { round: round() },
            Mail::RoundOpening { round: round(), starts_at: Utc::now(), ends_at: Utc::now() },
        ];
        for mail in mails {
            let rendered = mail.render("http://x");
            assert!(rendered.subject.contains(" / "), "{mail:?}");
            assert!(rendered.body.contains("English:") && rendered.body.ends_with(SIGNATURE), "{mail:?}");
        }
    }

    fn round() -> RoundName {
        RoundName { year: 2024, kind: RoundKind::First }
    }

    fn receipt() -> Receipt {
        Receipt {
            receipt_number: "2024-1-0123456786".into(),
            program_name: "城北大学 内科専門研修プログラム".into(),
            round: round(),
            at: Utc::now(),
        }
    }

    #[test]
    fn the_receipt_mail_carries_the_receipt_number_the_program_and_the_round_in_jst() {
        let at = senkoi_domain::time::noon_jst(2023, 11, 2);
        let rendered = Mail::ApplicationReceived { receipt: Receipt { at, ..receipt() } }.render("http://x");
        for part in [
            "2024-1-0123456786",
            "城北大学 内科専門研修プログラム",
            "2024年度 1次募集",
            "2023年11月02日 12:00 (JST)",
        ] {
            assert!(rendered.body.contains(part), "{part} in {}", rendered.body);
        }
    }

    #[test]
    fn the_results_mail_tells_no_decision() {
        let rendered = Mail::ResultsAvailable { round: round() }.render("http://x");
        for word in ["採用です", "不採用", "保留", "accepted", "rejected"] {
            assert!(!rendered.body.contains(word), "{word}");
        }
    }
}
