//! The initial schema: reference data, people, catalogue, rounds, applications, ceilings,
//! announcements, audit events and the mail outbox — with the 19 specialties and 47 prefectures.

use sea_orm_migration::{prelude::*, schema::*};
use senkoi_domain::{prefecture::Prefecture, specialty::Specialty};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Ids are opaque strings (UUIDs as text) so that SQLite and PostgreSQL store them alike.
fn id(name: &'static str) -> ColumnDef {
    string_len(name, 36).primary_key().take()
}

fn ref_id(name: &'static str) -> ColumnDef {
    string_len(name, 36)
}

fn ref_id_null(name: &'static str) -> ColumnDef {
    string_len_null(name, 36)
}

fn fk(
    table: &'static str,
    column: &'static str,
    to: &'static str,
    to_column: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(format!("fk_{table}_{column}")).from(table, column).to(to, to_column).take()
}

fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_"))).table(table);
    for column in columns {
        stmt.col(*column);
    }
    stmt.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        reference_data(m).await?;
        people(m).await?;
        catalogue(m).await?;
        rounds_and_applications(m).await?;
        board(m).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "mail_outbox",
            "audit_events",
            "announcements",
            "ceilings",
            "application_events",
            "applications",
            "rounds",
            "program_directors",
            "program_affiliations",
            "programs",
            "facilities",
            "refresh_tokens",
            "one_time_tokens",
            "society_clients",
            "residents",
            "staff_users",
            "prefectures",
            "specialties",
        ] {
            m.drop_table(Table::drop().table(table).if_exists().take()).await?;
        }
        Ok(())
    }
}

/// 基本領域 and 都道府県, seeded from the domain crate's tables.
async fn reference_data(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("specialties")
            .col(string_len("code", 40).primary_key())
            .col(string("name_ja"))
            .col(string("name_en"))
            .col(boolean("ceiling_exempt"))
            .col(integer("sort_order"))
            .take(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("prefectures")
            .col(string_len("code", 2).primary_key())
            .col(string("name_ja"))
            .col(string("name_en"))
            .col(boolean("has_ceiling"))
            .take(),
    )
    .await?;

    let mut specialties = Query::insert()
        .into_table("specialties")
        .columns(["code", "name_ja", "name_en", "ceiling_exempt", "sort_order"])
        .take();
    for (order, s) in Specialty::ALL.iter().enumerate() {
        specialties.values_panic([
            s.code().into(),
            s.name_ja().into(),
            s.name_en().into(),
            s.ceiling_exempt().into(),
            (order as i32 + 1).into(),
        ]);
    }
    m.exec_stmt(specialties).await?;

    let mut prefectures = Query::insert()
        .into_table("prefectures")
        .columns(["code", "name_ja", "name_en", "has_ceiling"])
        .take();
    for p in Prefecture::all() {
        prefectures.values_panic([
            p.code().into(),
            p.name_ja().into(),
            p.name_en().into(),
            p.has_ceiling().into(),
        ]);
    }
    m.exec_stmt(prefectures).await
}

/// Residents (専攻医), board staff and directors, society clients, and their tokens.
async fn people(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("staff_users")
            .col(id("id"))
            .col(string_len_uniq("email", 254))
            .col(string("name"))
            // admin | director | consultation-officer
            .col(string_len("role", 32))
            // Null until an invited director sets a password through the mailed link.
            .col(string_null("password_hash"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("disabled_at"))
            .take(),
    )
    .await?;

    m.create_table(
        Table::create()
            .table("residents")
            .col(id("id"))
            .col(string_len_uniq("user_id", 16))
            .col(string_len("email", 254))
            .col(string("password_hash"))
            .col(string("family_name"))
            .col(string("given_name"))
            .col(string("family_name_kana"))
            .col(string("given_name_kana"))
            .col(date("date_of_birth"))
            .col(string_len("gender", 16))
            .col(string_len("medical_registration_number", 7))
            .col(string_len("license_year_month", 7))
            .col(string_len("postal_code", 7))
            .col(string_len("prefecture", 2))
            .col(string("address"))
            .col(string_len("phone", 20))
            .col(string("clinical_training_program"))
            .col(date_null("clinical_training_completed_on"))
            .col(string_len("specialty", 40))
            .col(string_len("track", 16))
            .col(string_len_null("curriculum_reason", 32))
            .col(text_null("curriculum_reason_detail"))
            .col(boolean("regional_quota"))
            .col(string_len_null("regional_quota_prefecture", 2))
            .col(boolean("regional_quota_consent"))
            // Legacy accounts (旧システム) keep their old ID for the migration link.
            .col(string_len_null("legacy_user_id", 32))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            // A deleted account keeps its row for history; its registration number is free again.
            .col(timestamp_with_time_zone_null("deleted_at"))
            .foreign_key(&mut fk("residents", "specialty", "specialties", "code"))
            .foreign_key(&mut fk("residents", "prefecture", "prefectures", "code"))
            .take(),
    )
    .await?;
    // One account per person among live accounts (same SQL on SQLite and PostgreSQL).
    m.get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX ux_residents_live_registration_number \
             ON residents (medical_registration_number) WHERE deleted_at IS NULL",
        )
        .await?;
    m.create_index(index("residents", &["email"])).await?;

    m.create_table(
        Table::create()
            .table("society_clients")
            .col(id("id"))
            .col(string_len_uniq("client_id", 64))
            .col(string("secret_hash"))
            .col(string("name"))
            .col(string_len("specialty", 40))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .foreign_key(&mut fk("society_clients", "specialty", "specialties", "code"))
            .take(),
    )
    .await?;

    // Mailed single-use links: registration, password reset, legacy migration, director invitation.
    m.create_table(
        Table::create()
            .table("one_time_tokens")
            .col(string_len("token_hash", 64).primary_key())
            // registration | password-reset | legacy-migration | director-invitation
            .col(string_len("purpose", 32))
            .col(string_len("email", 254))
            .col(ref_id_null("subject_id"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .take(),
    )
    .await?;

    m.create_table(
        Table::create()
            .table("refresh_tokens")
            .col(string_len("token_hash", 64).primary_key())
            .col(ref_id("family_id"))
            // resident | staff
            .col(string_len("subject_kind", 16))
            .col(ref_id("subject_id"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .take(),
    )
    .await?;
    m.create_index(index("refresh_tokens", &["family_id"])).await
}

/// Facilities (施設) and programs (専門研修プログラム) with their affiliations and directors.
async fn catalogue(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("facilities")
            .col(id("id"))
            .col(string("name"))
            .col(string_len("prefecture", 2))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("facilities", "prefecture", "prefectures", "code"))
            .take(),
    )
    .await?;
    m.create_index(index("facilities", &["prefecture"])).await?;

    m.create_table(
        Table::create()
            .table("programs")
            .col(id("id"))
            .col(string("name"))
            .col(string_len("specialty", 40))
            .col(integer("year"))
            .col(ref_id("base_facility_id"))
            .col(integer("capacity"))
            .col(boolean("researcher_course"))
            .col(text("contact"))
            .col(text("description"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("programs", "specialty", "specialties", "code"))
            .foreign_key(&mut fk("programs", "base_facility_id", "facilities", "id"))
            .take(),
    )
    .await?;
    m.create_index(index("programs", &["year", "specialty"])).await?;
    m.create_index(index("programs", &["base_facility_id"])).await?;

    m.create_table(
        Table::create()
            .table("program_affiliations")
            .col(ref_id("program_id"))
            .col(ref_id("facility_id"))
            .primary_key(Index::create().col("program_id").col("facility_id"))
            .foreign_key(
                &mut fk("program_affiliations", "program_id", "programs", "id")
                    .on_delete(ForeignKeyAction::Cascade)
                    .take(),
            )
            .foreign_key(&mut fk("program_affiliations", "facility_id", "facilities", "id"))
            .take(),
    )
    .await?;

    m.create_table(
        Table::create()
            .table("program_directors")
            .col(ref_id("program_id"))
            .col(ref_id("staff_user_id"))
            .primary_key(Index::create().col("program_id").col("staff_user_id"))
            .foreign_key(
                &mut fk("program_directors", "program_id", "programs", "id")
                    .on_delete(ForeignKeyAction::Cascade)
                    .take(),
            )
            .foreign_key(&mut fk("program_directors", "staff_user_id", "staff_users", "id"))
            .take(),
    )
    .await?;
    m.create_index(index("program_directors", &["staff_user_id"])).await
}

/// Recruitment rounds (募集), applications (応募) and their history.
async fn rounds_and_applications(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("rounds")
            .col(id("id"))
            .col(integer("year"))
            // researcher-course | first | second | final
            .col(string_len("kind", 32))
            .col(timestamp_with_time_zone("application_starts_at"))
            .col(timestamp_with_time_zone("application_ends_at"))
            .col(timestamp_with_time_zone_null("adjustment_starts_at"))
            .col(timestamp_with_time_zone_null("adjustment_ends_at"))
            .col(timestamp_with_time_zone_null("confirmation_starts_at"))
            .col(timestamp_with_time_zone_null("confirmation_ends_at"))
            .col(timestamp_with_time_zone("results_at"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .take(),
    )
    .await?;
    m.create_index(index("rounds", &["year", "kind"]).unique().take()).await?;

    m.create_table(
        Table::create()
            .table("applications")
            .col(id("id"))
            .col(ref_id("resident_id"))
            .col(ref_id("program_id"))
            .col(ref_id("round_id"))
            // applied (未処理) | accepted | rejected | on-hold | withdrawn | declined; see
            // senkoi_domain::application for how status and decision go together.
            .col(string_len("status", 16))
            // The director's current decision: null (未処理) | accepted | rejected | on-hold.
            .col(string_len_null("decision", 16))
            .col(timestamp_with_time_zone("applied_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk("applications", "resident_id", "residents", "id"))
            .foreign_key(&mut fk("applications", "program_id", "programs", "id"))
            .foreign_key(&mut fk("applications", "round_id", "rounds", "id"))
            .take(),
    )
    .await?;
    // One live application per resident per round, enforced by the database under any race.
    m.get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX ux_applications_live_per_round \
             ON applications (resident_id, round_id) \
             WHERE status IN ('applied', 'accepted', 'on-hold')",
        )
        .await?;
    m.create_index(index("applications", &["program_id", "round_id", "status"])).await?;
    m.create_index(index("applications", &["round_id", "status"])).await?;

    m.create_table(
        Table::create()
            .table("application_events")
            .col(id("id"))
            .col(ref_id("application_id"))
            .col(timestamp_with_time_zone("at"))
            // resident | director | admin | society | system
            .col(string_len("actor_kind", 16))
            .col(ref_id_null("actor_id"))
            // applied | withdrawn | decided | declined
            .col(string_len("action", 32))
            .col(string_len("status", 16))
            .col(string_len_null("decision", 16))
            .foreign_key(&mut fk("application_events", "application_id", "applications", "id"))
            .take(),
    )
    .await?;
    m.create_index(index("application_events", &["application_id", "at"])).await
}

/// Ceilings (シーリング), announcements, audit events and the mail outbox.
async fn board(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("ceilings")
            .col(integer("year"))
            .col(string_len("prefecture", 2))
            .col(string_len("specialty", 40))
            .col(integer("ceiling"))
            .col(timestamp_with_time_zone("updated_at"))
            .primary_key(Index::create().col("year").col("prefecture").col("specialty"))
            .foreign_key(&mut fk("ceilings", "prefecture", "prefectures", "code"))
            .foreign_key(&mut fk("ceilings", "specialty", "specialties", "code"))
            .take(),
    )
    .await?;

    m.create_table(
        Table::create()
            .table("announcements")
            .col(id("id"))
            .col(string("title"))
            .col(text("body"))
            // all | residents | directors
            .col(string_len("audience", 16))
            .col(timestamp_with_time_zone("published_at"))
            .col(ref_id_null("created_by"))
            .take(),
    )
    .await?;
    m.create_index(index("announcements", &["published_at"])).await?;

    m.create_table(
        Table::create()
            .table("audit_events")
            .col(id("id"))
            .col(timestamp_with_time_zone("at"))
            .col(string_len("actor_kind", 16))
            .col(ref_id_null("actor_id"))
            .col(string_len("action", 64))
            .col(string_len("entity", 32))
            .col(ref_id_null("entity_id"))
            .col(text("detail"))
            .take(),
    )
    .await?;
    m.create_index(index("audit_events", &["at"])).await?;

    m.create_table(
        Table::create()
            .table("mail_outbox")
            .col(id("id"))
            .col(string_len("to_address", 254))
            .col(string("subject"))
            .col(text("body"))
            .col(timestamp_with_time_zone("created_at"))
            .col(integer("attempts").default(0))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(text_null("last_error"))
            .take(),
    )
    .await?;
    m.create_index(index("mail_outbox", &["sent_at", "next_attempt_at"])).await
}
