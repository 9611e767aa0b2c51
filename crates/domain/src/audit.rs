//! Owns what the audit log records: who acts ([`ActorKind`]), the kinds of record acted on
//! ([`AuditEntity`]) and every act ([`AuditAction`]) with its stable code and its sentence in
//! Japanese and English, so the server stores one typed value and the board's page reads it back
//! as "who did what to what" without a table of codes of its own.

use serde::{Deserialize, Serialize};

use crate::{Prefecture, Role, RoundKind, Specialty};

/// Who did something recorded in `application_events` and `audit_events`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))",
        rename_all = "kebab-case"
    )
)]
pub enum ActorKind {
    Resident,
    Director,
    Admin,
    Society,
    ConsultationOfficer,
    /// The server itself (the mail worker, a scheduled step) or someone not signed in.
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Admin,
        ActorKind::Director,
        ActorKind::ConsultationOfficer,
        ActorKind::Society,
        ActorKind::Resident,
        ActorKind::System,
    ];

    /// The stored and wire code, e.g. `consultation-officer`.
    pub fn code(self) -> &'static str {
        match self.role() {
            Some(role) => role.as_str(),
            None => "system",
        }
    }

    /// The role acting, or `None` for the system.
    pub fn role(self) -> Option<Role> {
        match self {
            ActorKind::Resident => Some(Role::Resident),
            ActorKind::Director => Some(Role::Director),
            ActorKind::Admin => Some(Role::Admin),
            ActorKind::Society => Some(Role::Society),
            ActorKind::ConsultationOfficer => Some(Role::ConsultationOfficer),
            ActorKind::System => None,
        }
    }

    pub fn label_ja(self) -> &'static str {
        self.role().map_or("システム", Role::label_ja)
    }

    pub fn label_en(self) -> &'static str {
        self.role().map_or("the system", Role::label_en)
    }
}

impl From<Role> for ActorKind {
    fn from(role: Role) -> ActorKind {
        match role {
            Role::Resident => ActorKind::Resident,
            Role::Director => ActorKind::Director,
            Role::Admin => ActorKind::Admin,
            Role::Society => ActorKind::Society,
            Role::ConsultationOfficer => ActorKind::ConsultationOfficer,
        }
    }
}

/// Declares a coded enum once: each variant with its stable code and the texts that follow it.
macro_rules! coded {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($len:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => ($($text:expr),+ $(,)?) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(
            feature = "db",
            sea_orm(rs_type = "String", db_type = $len)
        )]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                #[cfg_attr(feature = "db", sea_orm(string_value = $code))]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order of its declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and wire code.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value with this code, if any.
            pub fn parse(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|value| value.code() == code)
            }

            fn texts(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($text),+]),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

coded! {
    /// The kind of record an audit event is about (its `entity`).
    pub enum AuditEntity ("String(sea_orm::sea_query::StringLen::N(32))") {
        Announcement = "announcement" => ("お知らせ", "the announcement"),
        Application = "application" => ("応募", "the application"),
        Ceiling = "ceiling" => ("シーリング", "the ceiling"),
        Completion = "completion" => ("研修修了申請", "the completion application"),
        Consultation = "consultation" => ("相談", "the consultation"),
        Facility = "facility" => ("施設", "the facility"),
        LegacyAccount = "legacy_account" => ("旧システムのアカウント", "the old system's accounts"),
        Program = "program" => ("プログラム", "the program"),
        Resident = "resident" => ("専攻医アカウント", "the resident's account"),
        Round = "round" => ("募集", "the round"),
        SocietyClient = "society_client" => ("学会の接続先", "the society client"),
        StaffUser = "staff_user" => ("職員アカウント", "the staff account"),
        TrainingRecord = "training_record" => ("研修記録", "the training period"),
        WebhookDelivery = "webhook_delivery" => ("Webhook の送信", "the webhook delivery"),
        WebhookEndpoint = "webhook_endpoint" => ("Webhook の宛先", "the webhook endpoint"),
    }
}

impl AuditEntity {
    /// What the record is called in a Japanese sentence, e.g. プログラム.
    pub fn noun_ja(self) -> &'static str {
        self.texts()[0]
    }

    /// What the record is called in an English sentence, e.g. "the program".
    pub fn noun_en(self) -> &'static str {
        self.texts()[1]
    }

    /// The kind's name in a list, e.g. "Program".
    pub fn label_en(self) -> String {
        capitalised(self.noun_en().trim_start_matches("the ").to_string())
    }
}

coded! {
    /// Every act the audit log records. Its sentence names the actor `{actor}` and the record
    /// `{target}` (its noun, and its name where one is known).
    pub enum AuditAction ("String(sea_orm::sea_query::StringLen::N(64))") {
        AnnouncementCreated = "announcement.created" =>
            ("announcement", "{actor}が{target}を掲載しました", "{actor} published {target}"),
        AnnouncementUpdated = "announcement.updated" =>
            ("announcement", "{actor}が{target}を編集しました", "{actor} edited {target}"),
        AnnouncementWithdrawn = "announcement.withdrawn" =>
            ("announcement", "{actor}が{target}を取り下げました", "{actor} withdrew {target}"),
        ApplicationSubmitted = "application.submitted" =>
            ("application", "{actor}が{target}を出しました", "{actor} submitted {target}"),
        ApplicationWithdrawn = "application.withdrawn" =>
            ("application", "{actor}が{target}を取り下げました", "{actor} withdrew {target}"),
        ApplicationDecided = "application.decided" =>
            ("application", "{actor}が{target}の採否を決めました", "{actor} decided on {target}"),
        ApplicationDeclined = "application.declined" =>
            ("application", "{actor}が{target}の辞退を記録しました", "{actor} recorded that the resident declined {target}"),
        CeilingSet = "ceiling.set" =>
            ("ceiling", "{actor}が{target}を設定しました", "{actor} set {target}"),
        CeilingsImported = "ceilings.imported" =>
            ("ceiling", "{actor}がシーリングをファイルから取り込みました", "{actor} imported ceilings from a file"),
        CompletionFiled = "completion.filed" =>
            ("completion", "{actor}が{target}を出しました", "{actor} filed {target}"),
        CompletionApproved = "completion.approved" =>
            ("completion", "{actor}が{target}を承認しました", "{actor} approved {target}"),
        CompletionReturned = "completion.returned" =>
            ("completion", "{actor}が{target}を差し戻しました", "{actor} returned {target}"),
        CompletionFeePaid = "completion.fee-paid" =>
            ("completion", "{actor}が{target}の認定料の入金を記録しました", "{actor} recorded the fee paid for {target}"),
        CompletionCertificateIssued = "completion.certificate-issued" =>
            ("completion", "{actor}が{target}の認定証を発行しました", "{actor} issued the certificate of {target}"),
        ConsultationFiled = "consultation.filed" =>
            ("consultation", "{target}が寄せられました（相談者は匿名）", "{target} was filed (the reporter is anonymous)"),
        ConsultationFollowedUp = "consultation.followed-up" =>
            ("consultation", "相談者が{target}に書き足しました", "the reporter added to {target}"),
        ConsultationRead = "consultation.read" =>
            ("consultation", "{actor}が{target}を開きました", "{actor} opened {target}"),
        ConsultationAnswered = "consultation.answered" =>
            ("consultation", "{actor}が{target}に回答しました", "{actor} answered {target}"),
        DirectorInvited = "director.invited" =>
            ("staff_user", "{actor}が{target}を統括責任者として招待しました", "{actor} invited {target} as a program director"),
        DirectorProgramsAssigned = "director.programs-assigned" =>
            ("staff_user", "{actor}が{target}（統括責任者）の担当プログラムを変えました", "{actor} changed which programs {target} directs"),
        FacilityCreated = "facility.created" =>
            ("facility", "{actor}が{target}を登録しました", "{actor} added {target}"),
        FacilityUpdated = "facility.updated" =>
            ("facility", "{actor}が{target}を変更しました", "{actor} changed {target}"),
        FacilityDeleted = "facility.deleted" =>
            ("facility", "{actor}が{target}を削除しました", "{actor} removed {target}"),
        LegacyAccountsImported = "legacy-accounts.imported" =>
            ("legacy_account", "{actor}が旧システムのアカウントを取り込みました", "{actor} imported the old system's accounts"),
        LegacyAccountsPurged = "legacy-accounts.purged" =>
            ("legacy_account", "{actor}が移行されなかった旧システムのアカウントを消去しました", "{actor} purged the old system's accounts never migrated"),
        ProgramCreated = "program.created" =>
            ("program", "{actor}が{target}を登録しました", "{actor} added {target}"),
        ProgramUpdated = "program.updated" =>
            ("program", "{actor}が{target}を変更しました", "{actor} changed {target}"),
        ProgramDeleted = "program.deleted" =>
            ("program", "{actor}が{target}を削除しました", "{actor} removed {target}"),
        ProgramResultsConfirmed = "program.results-confirmed" =>
            ("program", "{actor}が{target}の募集実施確認をしました", "{actor} confirmed the recruitment of {target}"),
        ResidentRegistered = "resident.registered" =>
            ("resident", "{actor}が登録しました", "{actor} registered"),
        ResidentMigrated = "resident.migrated" =>
            ("resident", "{actor}が旧システムから移行しました", "{actor} moved their account from the old system"),
        ResidentDeleted = "resident.deleted" =>
            ("resident", "{actor}が退会しました", "{actor} deleted their account"),
        ResidentProfileChanged = "resident.profile-changed" =>
            ("resident", "{actor}が{target}の登録内容を変えました", "{actor} changed the details of {target}"),
        RoundCreated = "round.created" =>
            ("round", "{actor}が{target}を作りました", "{actor} created {target}"),
        RoundUpdated = "round.updated" =>
            ("round", "{actor}が{target}の日程を変えました", "{actor} changed the schedule of {target}"),
        RoundDeleted = "round.deleted" =>
            ("round", "{actor}が{target}を削除しました", "{actor} removed {target}"),
        RoundResultsReleased = "round.results-released" =>
            ("round", "{target}の採用結果が公開されました", "the results of {target} were released"),
        SocietyClientCreated = "society-client.created" =>
            ("society_client", "{actor}が{target}を作りました", "{actor} created {target}"),
        SocietyClientRevoked = "society-client.revoked" =>
            ("society_client", "{actor}が{target}を失効させました", "{actor} revoked {target}"),
        SocietyClientSecretAdded = "society-client.secret-added" =>
            ("society_client", "{actor}が{target}に秘密鍵を追加しました", "{actor} added a secret to {target}"),
        SocietyClientSecretRevoked = "society-client.secret-revoked" =>
            ("society_client", "{actor}が{target}の秘密鍵を失効させました", "{actor} revoked a secret of {target}"),
        StaffAdminCreated = "staff.admin-created" =>
            ("staff_user", "{target}が管理者としてコマンドで作られました", "{target} was created as an admin from the command line"),
        StaffInvited = "staff.invited" =>
            ("staff_user", "{actor}が{target}を招待しました", "{actor} invited {target}"),
        StaffDisabled = "staff.disabled" =>
            ("staff_user", "{actor}が{target}を無効にしました", "{actor} disabled {target}"),
        StaffEnabled = "staff.enabled" =>
            ("staff_user", "{actor}が{target}を有効に戻しました", "{actor} enabled {target} again"),
        StaffSecondFactorBegun = "staff.second-factor-begun" =>
            ("staff_user", "{actor}が2要素認証の設定を始めました", "{actor} began setting up a second factor"),
        StaffSecondFactorEnabled = "staff.second-factor-enabled" =>
            ("staff_user", "{actor}が2要素認証を有効にしました", "{actor} turned on a second factor"),
        StaffSecondFactorReset = "staff.second-factor-reset" =>
            ("staff_user", "{actor}が{target}の2要素認証をリセットしました", "{actor} reset the second factor of {target}"),
        TrainingRecordCreated = "training-record.created" =>
            ("training_record", "{actor}が{target}を登録しました", "{actor} added {target}"),
        TrainingRecordUpdated = "training-record.updated" =>
            ("training_record", "{actor}が{target}を直しました", "{actor} corrected {target}"),
        TrainingRecordDeleted = "training-record.deleted" =>
            ("training_record", "{actor}が{target}を削除しました", "{actor} removed {target}"),
        TrainingRecordApproved = "training-record.approved" =>
            ("training_record", "{actor}が{target}を承認しました", "{actor} approved {target}"),
        TrainingRecordReturned = "training-record.returned" =>
            ("training_record", "{actor}が{target}を差し戻しました", "{actor} returned {target}"),
        WebhookDeliveryReplayed = "webhook-delivery.replayed" =>
            ("webhook_delivery", "{actor}が{target}をやり直しました", "{actor} replayed {target}"),
        WebhookEndpointCreated = "webhook-endpoint.created" =>
            ("webhook_endpoint", "{actor}が{target}を登録しました", "{actor} added {target}"),
        WebhookEndpointDeleted = "webhook-endpoint.deleted" =>
            ("webhook_endpoint", "{actor}が{target}を削除しました", "{actor} removed {target}"),
    }
}

impl AuditAction {
    /// The kind of record the act is about.
    pub fn entity(self) -> AuditEntity {
        AuditEntity::parse(self.texts()[0]).expect("every action names a declared entity")
    }

    /// The act as a Japanese sentence about `actor` and `target`.
    pub fn sentence_ja(self, actor: &str, target: &str) -> String {
        fill(self.texts()[1], actor, target)
    }

    /// The act as an English sentence about `actor` and `target`, capitalised.
    pub fn sentence_en(self, actor: &str, target: &str) -> String {
        capitalised(fill(self.texts()[2], actor, target))
    }

    /// The act without its actor, to choose it from a list: プログラムを変更しました.
    pub fn label_ja(self) -> String {
        fill(&self.texts()[1].replace("{actor}が", ""), "", self.entity().noun_ja())
    }

    /// The English of [`AuditAction::label_ja`]: "Changed the program".
    pub fn label_en(self) -> String {
        capitalised(fill(&self.texts()[2].replace("{actor} ", ""), "", self.entity().noun_en()))
    }

    /// The acts on one kind of record, in the order of their declaration.
    pub fn on(entity: AuditEntity) -> impl Iterator<Item = AuditAction> {
        AuditAction::ALL.iter().copied().filter(move |action| action.entity() == entity)
    }
}

fn fill(template: &str, actor: &str, target: &str) -> String {
    template.replace("{actor}", actor).replace("{target}", target)
}

fn capitalised(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// What an event's record is, as far as the log can name it without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AuditSubject {
    /// A record with a name: a program, a facility, an announcement's title, a society client,
    /// a webhook endpoint's address, a staff account's e-mail.
    Named(String),
    /// A round of a recruitment year.
    Round { year: i32, kind: RoundKind },
    /// One ceiling cell.
    Ceiling { year: i32, prefecture: Prefecture, specialty: Specialty },
    /// An application to the program named.
    ApplicationTo(String),
}

impl AuditSubject {
    /// The `entity_id` of a ceiling cell's events: `year/prefecture/specialty`.
    pub fn ceiling_entity_id(year: i32, prefecture: Prefecture, specialty: Specialty) -> String {
        format!("{year}/{}/{}", prefecture.code(), specialty.code())
    }

    /// The ceiling cell an event's `entity_id` ([`AuditSubject::ceiling_entity_id`]) names.
    pub fn ceiling_of(entity_id: &str) -> Option<AuditSubject> {
        let mut parts = entity_id.split('/');
        let (year, prefecture, specialty) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Some(AuditSubject::Ceiling {
            year: year.parse().ok()?,
            prefecture: Prefecture::parse(prefecture).ok()?,
            specialty: Specialty::parse(specialty).ok()?,
        })
    }
}

/// The record an event is about in a Japanese sentence: its noun and, where known, what it is —
/// プログラム「東京内科」, 募集「2027年度 2次募集」, 「東京内科」への応募.
pub fn target_ja(entity: AuditEntity, subject: Option<&AuditSubject>) -> String {
    let noun = entity.noun_ja();
    match subject {
        None => noun.to_string(),
        Some(AuditSubject::Named(name)) => format!("{noun}「{name}」"),
        Some(AuditSubject::Round { year, kind }) => format!("{noun}「{year}年度 {}」", kind.name_ja()),
        Some(AuditSubject::Ceiling { year, prefecture, specialty }) => {
            format!("{noun}「{year}年度 {} {}」", prefecture.name_ja(), specialty.name_ja())
        }
        Some(AuditSubject::ApplicationTo(program)) => format!("「{program}」への{noun}"),
    }
}

/// The English of [`target_ja`]: the program “Tokyo IM”, the round “2027 Second round”.
pub fn target_en(entity: AuditEntity, subject: Option<&AuditSubject>) -> String {
    let noun = entity.noun_en();
    match subject {
        None => noun.to_string(),
        Some(AuditSubject::Named(name)) => format!("{noun} “{name}”"),
        Some(AuditSubject::Round { year, kind }) => format!("{noun} “{year} {}”", kind.name_en()),
        Some(AuditSubject::Ceiling { year, prefecture, specialty }) => {
            format!("{noun} “{year} {} {}”", prefecture.name_en(), specialty.name_en())
        }
        Some(AuditSubject::ApplicationTo(program)) => format!("{noun} to “{program}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_value_and_codes_are_unique() {
        for &action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.code()), Some(action));
            assert_eq!(action.to_string(), action.code());
            assert!(action.code().contains('.'), "{action:?}");
        }
        for &entity in AuditEntity::ALL {
            assert_eq!(AuditEntity::parse(entity.code()), Some(entity));
        }
        assert_eq!(AuditAction::parse("application.approved"), None);
        assert_eq!(AuditEntity::parse(""), None);
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }

    #[test]
    fn an_action_is_about_the_entity_its_code_names() {
        let cases = [
            (AuditAction::ApplicationDecided, AuditEntity::Application),
            (AuditAction::CeilingsImported, AuditEntity::Ceiling),
            (AuditAction::DirectorInvited, AuditEntity::StaffUser),
            (AuditAction::LegacyAccountsPurged, AuditEntity::LegacyAccount),
            (AuditAction::WebhookDeliveryReplayed, AuditEntity::WebhookDelivery),
            (AuditAction::ResidentProfileChanged, AuditEntity::Resident),
        ];
        for (action, entity) in cases {
            assert_eq!(action.entity(), entity, "{action:?}");
        }
        // Every entity has its acts, and they are found by it.
        for &entity in AuditEntity::ALL {
            assert!(AuditAction::on(entity).count() > 0, "{entity:?}");
        }
        assert_eq!(
            AuditAction::on(AuditEntity::Ceiling).collect::<Vec<_>>(),
            [AuditAction::CeilingSet, AuditAction::CeilingsImported]
        );
    }

    #[test]
    fn the_sentences_name_who_did_what_to_what() {
        let named = |name: &str| AuditSubject::Named(name.into());
        let program = target_ja(AuditEntity::Program, Some(&named("東京内科")));
        assert_eq!(program, "プログラム「東京内科」");
        assert_eq!(
            AuditAction::ProgramUpdated.sentence_ja("管理者 a@example.jp", &program),
            "管理者 a@example.jpがプログラム「東京内科」を変更しました"
        );
        let en = target_en(AuditEntity::Program, Some(&named("Tokyo IM")));
        assert_eq!(
            AuditAction::ProgramUpdated.sentence_en("the board admin a@example.jp", &en),
            "The board admin a@example.jp changed the program “Tokyo IM”"
        );
        assert_eq!(target_en(AuditEntity::Round, None), "the round");
        let second = AuditSubject::Round { year: 2027, kind: RoundKind::Second };
        assert_eq!(target_ja(AuditEntity::Round, Some(&second)), "募集「2027年度 2次募集」");
        assert_eq!(target_en(AuditEntity::Round, Some(&second)), "the round “2027 Second round”");
        let to = AuditSubject::ApplicationTo("東京内科".into());
        assert_eq!(target_ja(AuditEntity::Application, Some(&to)), "「東京内科」への応募");
        assert_eq!(target_en(AuditEntity::Application, Some(&to)), "the application to “東京内科”");
        assert_eq!(
            AuditAction::RoundResultsReleased.sentence_en("the system", "the round 2027 Second round"),
            "The results of the round 2027 Second round were released"
        );
        assert_eq!(AuditAction::ResidentRegistered.sentence_ja("専攻医", "x"), "専攻医が登録しました");
    }

    #[test]
    fn every_sentence_is_whole_in_both_languages() {
        for &action in AuditAction::ALL {
            for sentence in [action.sentence_ja("A", "T"), action.sentence_en("A", "T")] {
                assert!(!sentence.contains('{'), "{action:?}: {sentence}");
            }
            assert!(!action.texts()[1].is_ascii(), "{action:?} has Japanese");
            assert!(action.texts()[2].is_ascii(), "{action:?} has English");
        }
    }

    #[test]
    fn an_act_is_listed_without_its_actor() {
        let cases = [
            (AuditAction::ProgramUpdated, "プログラムを変更しました", "Changed the program"),
            (
                AuditAction::DirectorInvited,
                "職員アカウントを統括責任者として招待しました",
                "Invited the staff account as a program director",
            ),
            (
                AuditAction::RoundResultsReleased,
                "募集の採用結果が公開されました",
                "The results of the round were released",
            ),
            (
                AuditAction::CeilingsImported,
                "シーリングをファイルから取り込みました",
                "Imported ceilings from a file",
            ),
        ];
        for (action, ja, en) in cases {
            assert_eq!((action.label_ja(), action.label_en()), (ja.to_string(), en.to_string()));
        }
        for &action in AuditAction::ALL {
            assert!(!action.label_ja().contains('{') && !action.label_en().contains('{'), "{action:?}");
        }
        assert_eq!(AuditEntity::TrainingRecord.label_en(), "Training period");
        assert_eq!(AuditEntity::Program.noun_ja(), "プログラム");
    }

    #[test]
    fn a_ceiling_event_names_its_cell() {
        let tokyo = Prefecture::parse("13").unwrap();
        let id = AuditSubject::ceiling_entity_id(2027, tokyo, Specialty::InternalMedicine);
        assert_eq!(id, "2027/13/internal-medicine");
        let cell = AuditSubject::ceiling_of(&id).expect("a cell");
        assert_eq!(target_ja(AuditEntity::Ceiling, Some(&cell)), "シーリング「2027年度 東京都 内科」");
        assert_eq!(
            target_en(AuditEntity::Ceiling, Some(&cell)),
            "the ceiling “2027 Tokyo Internal Medicine”"
        );
        for not_a_cell in [
            "import",
            "2027/13",
            "2027/13/internal-medicine/x",
            "x/13/internal-medicine",
            "2027/99/internal-medicine",
            "2027/13/x",
        ] {
            assert_eq!(AuditSubject::ceiling_of(not_a_cell), None, "{not_a_cell}");
        }
    }

    #[test]
    fn actor_kinds_are_the_roles_and_the_system() {
        for role in Role::ALL {
            let kind = ActorKind::from(role);
            assert_eq!((kind.role(), kind.code()), (Some(role), role.as_str()));
            assert_eq!(kind.label_ja(), role.label_ja());
            assert_eq!(kind.label_en(), role.label_en());
        }
        assert_eq!(
            (ActorKind::System.role(), ActorKind::System.code(), ActorKind::System.label_ja()),
            (None, "system", "システム")
        );
        assert_eq!(ActorKind::System.label_en(), "the system");
        assert_eq!(ActorKind::ALL.len(), Role::ALL.len() + 1);
    }
}
