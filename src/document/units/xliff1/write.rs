//! Writing edited targets and their states back into an XLIFF 1.2 file.

use super::super::xml;
use super::super::xml_edit::{
    check_nesting, escape_xml, fill_self_closing, self_closing_end, set_attr,
};
use super::super::{BilingualFile, Patch, SaveError, Stage, TargetEdit, Tool};
use super::{Layout, SegRef, Slot, TargetEl, Tu};

impl Layout {
    /// The state attribute values for a stage, by tool.
    fn state_value(&self, stage: Stage) -> String {
        match self.tool {
            Tool::Trados => match stage {
                Stage::New => "Draft",
                Stage::Translated => "Translated",
                Stage::Reviewed => "ApprovedTranslation",
                Stage::Final => "ApprovedSignOff",
            }
            .to_string(),
            Tool::MemoQ => match stage {
                Stage::New => "NotStarted",
                Stage::Translated => "ManuallyConfirmed",
                Stage::Reviewed => "Reviewer1Confirmed",
                Stage::Final => "Proofread",
            }
            .to_string(),
            Tool::Phrase => match stage {
                Stage::New => "0".to_string(),
                _ => self.level.clone().unwrap_or_else(|| "1".to_string()),
            },
            Tool::Generic | Tool::Okapi => match stage {
                Stage::New => "new",
                Stage::Translated => "translated",
                Stage::Reviewed => "signed-off",
                Stage::Final => "final",
            }
            .to_string(),
        }
    }

    pub(crate) fn patches(
        &self,
        file: &BilingualFile,
        edits: &[&TargetEdit],
    ) -> Result<Vec<Patch>, SaveError> {
        let text = file.text();
        let mut patches = Vec::new();
        let mut i = 0;
        while i < edits.len() {
            // The edits of one trans-unit together (units are in document order).
            let tu_index = self.slots[edits[i].unit].tu();
            let mut j = i;
            while j < edits.len() && self.slots[edits[j].unit].tu() == tu_index {
                j += 1;
            }
            self.tu_patches(file, text, tu_index, &edits[i..j], &mut patches)?;
            i = j;
        }
        Ok(patches)
    }

    fn tu_patches(
        &self,
        file: &BilingualFile,
        text: &str,
        tu_index: usize,
        edits: &[&TargetEdit],
        patches: &mut Vec<Patch>,
    ) -> Result<(), SaveError> {
        let tu = &self.tus[tu_index];
        let rendered: Vec<(usize, Option<String>)> = edits
            .iter()
            .map(|e| {
                let unit = &file.units[e.unit];
                let changed = e.text != unit.target.text;
                if changed {
                    check_nesting(file, unit, &e.text)?;
                }
                let r = changed
                    .then(|| file.render(unit, &e.text, escape_xml))
                    .transpose()?;
                Ok((e.unit, r))
            })
            .collect::<Result<_, SaveError>>()?;
        let stage = edits.iter().filter_map(|e| e.stage).min();
        let target_name = format!("{}target", tu.prefix);
        match &tu.seg_source {
            None => {
                let content = rendered.first().and_then(|(_, r)| r.clone());
                match &tu.target {
                    TargetEl::Element { content: range, .. } => {
                        if let Some(c) = content {
                            patches.push((range.clone(), c));
                        }
                    }
                    TargetEl::SelfClosing(tag) => {
                        if let Some(c) = content {
                            patches.push(fill_self_closing(text, tag, &c));
                        }
                    }
                    TargetEl::Missing => {
                        let c = content.unwrap_or_default();
                        patches.push((
                            tu.insert_at..tu.insert_at,
                            self.new_target(text, tu, &target_name, stage, &c),
                        ));
                        return self.tool_state_patches(text, tu, edits, stage, patches, false);
                    }
                }
            }
            Some((seg_content, segs)) => {
                let edited = |k: usize| {
                    rendered.iter().find_map(|(u, r)| match self.slots[*u] {
                        Slot::Segment { seg, .. } if seg == k => Some(r.clone()),
                        _ => None,
                    })
                };
                let rebuild = match &tu.target {
                    TargetEl::Missing | TargetEl::SelfClosing(_) => true,
                    TargetEl::Element { .. } => tu.target_segs.is_empty(),
                };
                if rebuild {
                    if rendered.iter().all(|(_, r)| r.is_none())
                        && !matches!(tu.target, TargetEl::Missing)
                    {
                        // Only states change.
                    } else {
                        let mut content = String::new();
                        let mut at = seg_content.start;
                        for (k, seg) in segs.iter().enumerate() {
                            content.push_str(&text[at..seg.start_tag.start]);
                            let new = edited(k).flatten();
                            content.push_str(&seg_markup(text, seg, new.as_deref()));
                            at = seg.end_tag.end;
                        }
                        content.push_str(&text[at..seg_content.end]);
                        match &tu.target {
                            TargetEl::Missing => {
                                patches.push((
                                    tu.insert_at..tu.insert_at,
                                    self.new_target(text, tu, &target_name, stage, &content),
                                ));
                                return self
                                    .tool_state_patches(text, tu, edits, stage, patches, false);
                            }
                            TargetEl::SelfClosing(tag) => {
                                patches.push(fill_self_closing(text, tag, &content))
                            }
                            TargetEl::Element { content: range, .. } => {
                                patches.push((range.clone(), content));
                            }
                        }
                    }
                } else {
                    for (u, r) in &rendered {
                        let (Slot::Segment { seg: k, .. }, Some(new)) = (self.slots[*u], r) else {
                            continue;
                        };
                        let seg = &segs[k];
                        match tu.target_segs.iter().find(|t| t.mid == seg.mid) {
                            Some(t) if t.self_closing => {
                                patches.push(fill_self_closing(text, &t.start_tag, new))
                            }
                            Some(t) => patches.push((t.content.clone(), new.clone())),
                            None => {
                                // After the target's segment that comes before it in the
                                // seg-source, else at the start of the target.
                                let before = segs[..k]
                                    .iter()
                                    .rev()
                                    .find_map(|s| tu.target_segs.iter().find(|t| t.mid == s.mid));
                                let at = match (before, &tu.target) {
                                    (Some(t), _) => t.end_tag.end,
                                    (None, TargetEl::Element { content, .. }) => content.start,
                                    _ => continue,
                                };
                                patches.push((at..at, seg_markup(text, seg, Some(new))));
                            }
                        }
                    }
                }
            }
        }
        self.tool_state_patches(text, tu, edits, stage, patches, true)
    }

    /// A whole new `<target>` after the source, indented like it.
    fn new_target(
        &self,
        text: &str,
        tu: &Tu,
        name: &str,
        stage: Option<Stage>,
        content: &str,
    ) -> String {
        let mut attrs = String::new();
        if let Some(lang) = &tu.lang {
            attrs.push_str(&format!(" xml:lang=\"{}\"", xml::escape_attr(lang)));
        }
        if let (Some(stage), Tool::Generic | Tool::Okapi) = (stage, self.tool) {
            attrs.push_str(&format!(" state=\"{}\"", self.state_value(stage)));
        }
        format!(
            "{}<{name}{attrs}>{content}</{name}>",
            &text[tu.indent.clone()]
        )
    }

    /// The state patches of a trans-unit's edits, where its tool keeps states.
    fn tool_state_patches(
        &self,
        text: &str,
        tu: &Tu,
        edits: &[&TargetEdit],
        stage: Option<Stage>,
        patches: &mut Vec<Patch>,
        target_exists: bool,
    ) -> Result<(), SaveError> {
        let Some(stage) = stage else {
            return Ok(());
        };
        let value = self.state_value(stage);
        match self.tool {
            Tool::Generic | Tool::Okapi => {
                if target_exists {
                    let tag = match &tu.target {
                        TargetEl::SelfClosing(tag) => tag,
                        TargetEl::Element { start_tag, .. } => start_tag,
                        TargetEl::Missing => return Ok(()),
                    };
                    patches.push(set_attr(text, tag, "state", &value));
                }
            }
            Tool::MemoQ | Tool::Phrase => {
                patches.push(set_attr(text, &tu.start_tag, &self.status_attr, &value));
            }
            Tool::Trados => {
                for e in edits {
                    let Some(stage) = e.stage else { continue };
                    let mid = match (self.slots[e.unit], &tu.seg_source) {
                        (Slot::Segment { seg, .. }, Some((_, segs))) => segs[seg].mid.as_str(),
                        _ => tu.sdl_segs.first().map_or("", |s| s.0.as_str()),
                    };
                    if let Some((_, tag)) = tu.sdl_segs.iter().find(|s| s.0 == mid) {
                        patches.push(set_attr(text, tag, "conf", &self.state_value(stage)));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A segment's `<mrk>` with new content (or empty content when `content` is `None`).
fn seg_markup(text: &str, seg: &SegRef, content: Option<&str>) -> String {
    if seg.self_closing {
        match content {
            None => text[seg.start_tag.clone()].to_string(),
            Some(c) => {
                let end = self_closing_end(text, &seg.start_tag);
                format!(
                    "{}>{c}</{}>",
                    &text[seg.start_tag.start..end.start],
                    xml::tag_name(text, &seg.start_tag)
                )
            }
        }
    } else {
        format!(
            "{}{}{}",
            &text[seg.start_tag.clone()],
            content.unwrap_or(""),
            &text[seg.end_tag.clone()]
        )
    }
}
