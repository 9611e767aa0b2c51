//! What Senkoi mails about training records, completion applications and the consultation desk.
//! None of these mails carries a reason, a name or a consultation's words: they say that
//! something waits, and where to look, so that a mailbox read by others learns nothing more.

use senkoi_domain::completion::CompletionStage;

/// A notice of a step in a workflow.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkflowMail {
    /// To the resident: the director returned a training period.
    TrainingRecordReturned,
    /// To whoever acts at `stage`: a completion application waits for them (or, approved or
    /// returned, for the resident).
    CompletionWaiting { stage: CompletionStage },
    /// To the resident: the certificate is issued.
    CertificateIssued { certificate_number: String },
    /// To the consultation officers: a consultation or a reporter's message arrived.
    ConsultationWaiting,
}

impl WorkflowMail {
    /// The subject and body (without the signature), with links under `base`.
    pub fn render(&self, base: &str) -> (String, String) {
        match self {
            WorkflowMail::TrainingRecordReturned => (
                "【専攻医登録】研修実績が差し戻されました / A training record was returned".into(),
                format!(
                    "統括責任者が研修実績を差し戻しました。理由をご確認のうえ、修正してください。\n\
                     研修実績: {base}/training\n\n\
                     English: the program director returned a training record; see the reason and correct it on the page above.\n"
                ),
            ),
            WorkflowMail::CompletionWaiting { stage } => match stage {
                CompletionStage::Director | CompletionStage::Society | CompletionStage::Board => (
                    "【専攻医登録】確認待ちの研修修了申請があります / A completion application waits for you"
                        .into(),
                    format!(
                        "確認待ちの研修修了申請があります（{}）。内容を確認し、承認または差戻しを行ってください。\n\
                         研修修了申請: {base}/completions\n\n\
                         English: a completion application waits for your check ({}).\n",
                        stage.name_ja(),
                        stage.name_en(),
                    ),
                ),
                CompletionStage::Approved => (
                    "【専攻医登録】研修修了が承認されました / Your completion is approved".into(),
                    format!(
                        "日本専門医機構が研修修了を承認しました。認定料のお支払いが確認されると認定証が発行されます。\n\
                         研修実績と修了申請: {base}/training\n\n\
                         English: the board approved your completion; the certificate is issued once the certification fee is paid.\n"
                    ),
                ),
                CompletionStage::Returned => (
                    "【専攻医登録】研修修了申請が差し戻されました / Your completion application was returned"
                        .into(),
                    format!(
                        "研修修了申請が差し戻されました。理由をご確認のうえ、再度申請してください。\n\
                         研修実績と修了申請: {base}/training\n\n\
                         English: your completion application was returned; see the reason on the page above and file again.\n"
                    ),
                ),
            },
            WorkflowMail::CertificateIssued { certificate_number } => (
                "【専攻医登録】認定証が発行されました / Your certificate is issued".into(),
                format!(
                    "専門医の認定証が発行されました。\n認定証番号: {certificate_number}\n\
                     研修実績と修了申請: {base}/training\n\n\
                     English: your specialist certificate is issued; its number is {certificate_number}.\n"
                ),
            ),
            WorkflowMail::ConsultationWaiting => (
                "【専攻医相談窓口】新しい相談があります / A consultation waits".into(),
                format!(
                    "専攻医相談窓口に新しい相談（または相談者からの追記）が届きました。\n\
                     内容は相談窓口の受付一覧でのみ確認できます: {base}/consultations\n\n\
                     English: a consultation (or a reporter's follow-up) arrived; read it only in the officers' inbox.\n"
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workflow_mail_has_both_languages_and_a_link() {
        let mut mails = vec![
            WorkflowMail::TrainingRecordReturned,
            WorkflowMail::CertificateIssued { certificate_number: "2027-00000042".into() },
            WorkflowMail::ConsultationWaiting,
        ];
        mails.extend(CompletionStage::ALL.map(|stage| WorkflowMail::CompletionWaiting { stage }));
        for mail in mails {
            let (subject, body) = mail.render("http://x");
            assert!(subject.contains(" / "), "{mail:?}");
            assert!(body.contains("English:") && body.contains("http://x/"), "{mail:?}");
        }
    }

    #[test]
    fn the_certificate_mail_carries_its_number() {
        let (_, body) =
            WorkflowMail::CertificateIssued { certificate_number: "2027-00000042".into() }.render("");
        assert!(body.contains("認定証番号: 2027-00000042"));
    }
}
