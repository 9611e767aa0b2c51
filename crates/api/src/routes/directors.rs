//! Program directors for the board: invite one by mail (a link to set the first password, valid
//! 7 days) with the programs they will run, list them, and change which programs they run.

use senkoi_domain::audit::AuditAction;
use std::collections::{BTreeSet, HashMap};

use actix_web::{HttpResponse, web};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use senkoi_domain::program::parse_catalogue_name;
use senkoi_domain::registration::Email;
use senkoi_domain::wire::{DirectorInvitation, DirectorPrograms, DirectorView, Page};

use crate::audit::Change;
use crate::auth::{AuthUser, Role};
use crate::body::Json;
use crate::endpoint::{Endpoint, endpoint};
use crate::entities::{program, program_director, staff_user};
use crate::error::{ApiError, FieldError, Problem};
use crate::paging::Paging;
use crate::state::AppState;
use crate::store::find_or_404;
use crate::store::staff;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(__path_list_directors, list_directors),
        endpoint(__path_invite, invite),
        endpoint(__path_assign_programs, assign_programs),
    ]
}

async fn view(db: &impl ConnectionTrait, staff: staff_user::Model) -> Result<DirectorView, ApiError> {
    let program_ids = program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.eq(&staff.id))
        .order_by_asc(program_director::Column::ProgramId)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.program_id)
        .collect();
    Ok(DirectorView {
        id: staff.id,
        email: staff.email,
        name: staff.name,
        program_ids,
        created_at: staff.created_at,
        active: staff.password_hash.is_some(),
    })
}

/// The ids once each, every one a program (422 `unknown-program` otherwise).
async fn programs_named(db: &impl ConnectionTrait, ids: &[String]) -> Result<BTreeSet<String>, ApiError> {
    let wanted: BTreeSet<String> = ids.iter().cloned().collect();
    let found = program::Entity::find().filter(program::Column::Id.is_in(wanted.clone())).count(db).await?;
    if found != wanted.len() as u64 {
        return Err(ApiError::invalid(
            "program_ids",
            "unknown-program",
            "存在しないプログラムが指定されています。",
        ));
    }
    Ok(wanted)
}

async fn assign(
    db: &impl ConnectionTrait,
    staff_id: &str,
    programs: &BTreeSet<String>,
) -> Result<(), ApiError> {
    program_director::Entity::delete_many()
        .filter(program_director::Column::StaffUserId.eq(staff_id))
        .exec(db)
        .await?;
    for id in programs {
        program_director::ActiveModel {
            program_id: Set(id.clone()),
            staff_user_id: Set(staff_id.to_string()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Invites a program director: the account is made without a password, the programs are
/// assigned, and a link to set the password (valid 7 days) is mailed. 409 `already-exists` when
/// a staff account has the address.
#[utoipa::path(post, path = "/api/v1/directors", tag = "directors", request_body = DirectorInvitation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited", body = DirectorView),
        (status = 409, description = "`already-exists`: a staff account has this address", body = Problem),
        (status = 422, description = "`validation-failed`: `email`, `name`, `program_ids` (`unknown-program`)", body = Problem),
    ))]
pub async fn invite(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<DirectorInvitation>,
) -> Result<HttpResponse, ApiError> {
    user.require(&[Role::Admin])?;
    let request = body.into_inner();
    let email = Email::parse(&request.email);
    let name = parse_catalogue_name(&request.name);
    let errors: Vec<FieldError> =
        [email.clone().err(), name.clone().err()].into_iter().flatten().map(FieldError::from).collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (email, name) = (email?.as_str().to_lowercase(), name?);
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let programs = programs_named(&change.tx, &request.program_ids).await?;
    let staff =
        staff::invite(&change.tx, &email, &name, Role::Director, &state.settings.public_url, change.now)
            .await?;
    assign(&change.tx, &staff.id, &programs).await?;
    let detail = serde_json::json!({"program_ids": programs});
    let view = view(&change.tx, staff.clone()).await?;
    change.commit(AuditAction::DirectorInvited, &staff.id, detail).await?;
    state.mail.wake();
    Ok(HttpResponse::Created().json(view))
}

/// The program directors, by name, with their programs.
#[utoipa::path(get, path = "/api/v1/directors", tag = "directors", params(Paging), security(("bearer" = [])),
    responses((status = 200, description = "One page of directors", body = Page<DirectorView>)))]
pub async fn list_directors(
    state: web::Data<AppState>,
    user: AuthUser,
    paging: web::Query<Paging>,
) -> Result<web::Json<Page<DirectorView>>, ApiError> {
    user.require(&[Role::Admin])?;
    let (page, per_page) = paging.checked()?;
    let paginator = staff_user::Entity::find()
        .filter(staff_user::Column::Role.eq(Role::Director))
        .order_by_asc(staff_user::Column::Name)
        .order_by_asc(staff_user::Column::Id)
        .paginate(&state.db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    let ids: Vec<String> = rows.iter().map(|s| s.id.clone()).collect();
    let mut programs: HashMap<String, Vec<String>> = HashMap::new();
    for d in program_director::Entity::find()
        .filter(program_director::Column::StaffUserId.is_in(ids))
        .order_by_asc(program_director::Column::ProgramId)
        .all(&state.db)
        .await?
    {
        programs.entry(d.staff_user_id).or_default().push(d.program_id);
    }
    let items = rows
        .into_iter()
        .map(|s| DirectorView {
            program_ids: programs.remove(&s.id).unwrap_or_default(),
            active: s.password_hash.is_some(),
            id: s.id,
            email: s.email,
            name: s.name,
            created_at: s.created_at,
        })
        .collect();
    Ok(web::Json(Page { items, total, page, per_page }))
}

/// Replaces the programs a director runs.
#[utoipa::path(put, path = "/api/v1/directors/{id}/programs", tag = "directors", request_body = DirectorPrograms,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Assigned", body = DirectorView),
        (status = 404, description = "No such director", body = Problem),
        (status = 422, description = "`unknown-program`", body = Problem),
    ))]
pub async fn assign_programs(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<DirectorPrograms>,
) -> Result<web::Json<DirectorView>, ApiError> {
    let change = Change::begin(&state, user, &[Role::Admin]).await?;
    let staff = find_or_404::<staff_user::Entity>(&change.tx, &id).await?;
    if staff.role != Role::Director {
        return Err(ApiError::not_found());
    }
    let programs = programs_named(&change.tx, &body.program_ids).await?;
    let before = view(&change.tx, staff.clone()).await?.program_ids;
    assign(&change.tx, &staff.id, &programs).await?;
    let after = view(&change.tx, staff).await?;
    let detail = serde_json::json!({"before": before, "after": after.program_ids});
    change.commit(AuditAction::DirectorProgramsAssigned, &after.id, detail).await?;
    Ok(web::Json(after))
}
