//! The program director's pages (統括責任者), behind the director route guard: the dashboard of
//! their programs and one program's applicants and decisions.

pub mod dashboard;
pub mod desk;
pub mod program;
pub mod training;
