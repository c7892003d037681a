//! A reviewed snapshot of `word/document.xml` for a small document, pretty-printed, so layout
//! changes show up in diffs. Re-bless with `UPDATE_EXPECT=1 cargo test -p maptoolkit-docx`.

use crate::model::{heading, item, meta};
use expect_test::expect;
use maptoolkit_briefing::{Block, Document, HouseStyle, Inline, KeyValue, List, Table};
use maptoolkit_tests::part;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Indents the XML two spaces a level (docx-rs writes no whitespace between tags, so text keeps
/// its spaces) and drops the root's namespace declarations.
fn pretty(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut root = true;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Decl(_) => {}
            Event::Start(e) if root => {
                root = false;
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let mut bare = BytesStart::new(name);
                for a in e.attributes().flatten() {
                    if !a.key.as_ref().starts_with(b"xmlns") && a.key.as_ref() != b"mc:Ignorable" {
                        bare.push_attribute(a);
                    }
                }
                writer.write_event(Event::Start(bare)).unwrap();
            }
            other => writer.write_event(other).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

fn small() -> Document {
    Document {
        meta: meta("Small briefing"),
        blocks: vec![
            Block::Title("Small briefing".into()),
            heading(1, "Driver – one"),
            Block::Paragraph(vec![
                Inline::text("See "),
                Inline::Link {
                    text: "the plan".into(),
                    url: "https://example.org/?a=1&b=2".into(),
                },
                Inline::Strong(" now".into()),
            ]),
            Block::List(List {
                numbered: false,
                items: vec![item("Point", vec![item("Sub-point", vec![])])],
            }),
            Block::KeyValue(vec![KeyValue {
                key: "Owner".into(),
                value: vec![Inline::text("Library")],
            }]),
            Block::Table(Table {
                caption: "Register".into(),
                columns: vec!["Driver".into()],
                rows: vec![vec!["One".into()]],
            }),
        ],
    }
}

#[test]
fn small_document_xml() {
    let docx = maptoolkit_docx::render(&small(), &HouseStyle::default()).unwrap();
    let xml = pretty(&part(&docx, "word/document.xml"));
    expect![[r#"

        <w:document>
          <w:body>
            <w:p>
              <w:pPr>
                <w:pBdr>
                  <w:bottom w:val="single" w:sz="64" w:space="0" w:color="005EB8"/>
                </w:pBdr>
                <w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="atLeast"/>
                <w:ind w:left="0" w:right="8438"/>
                <w:rPr>
                  <w:sz w:val="8"/>
                  <w:szCs w:val="8"/>
                </w:rPr>
              </w:pPr>
            </w:p>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="Title"/>
              </w:pPr>
              <w:r>
                <w:t xml:space="preserve">Small briefing</w:t>
              </w:r>
            </w:p>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="Subtitle"/>
              </w:pPr>
              <w:r>
                <w:t xml:space="preserve">National drivers for NHS library and knowledge services</w:t>
              </w:r>
            </w:p>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="Heading1"/>
              </w:pPr>
              <w:bookmarkStart w:id="1" w:name="h1_driver___one"/>
              <w:r>
                <w:t xml:space="preserve">Driver – one</w:t>
              </w:r>
              <w:bookmarkEnd w:id="1"/>
            </w:p>
            <w:p>
              <w:r>
                <w:t xml:space="preserve">See </w:t>
              </w:r>
              <w:hyperlink r:id="rIdLink1" w:history="1">
                <w:r>
                  <w:rPr>
                    <w:rStyle w:val="Hyperlink"/>
                  </w:rPr>
                  <w:t xml:space="preserve">the plan</w:t>
                </w:r>
              </w:hyperlink>
              <w:r>
                <w:rPr>
                  <w:rStyle w:val="Strong"/>
                </w:rPr>
                <w:t xml:space="preserve"> now</w:t>
              </w:r>
            </w:p>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="ListParagraph"/>
                <w:keepNext/>
                <w:numPr>
                  <w:ilvl w:val="0"/>
                  <w:numId w:val="1"/>
                </w:numPr>
              </w:pPr>
              <w:r>
                <w:t xml:space="preserve">Point</w:t>
              </w:r>
            </w:p>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="ListParagraph"/>
                <w:numPr>
                  <w:ilvl w:val="1"/>
                  <w:numId w:val="1"/>
                </w:numPr>
              </w:pPr>
              <w:r>
                <w:t xml:space="preserve">Sub-point</w:t>
              </w:r>
            </w:p>
            <w:tbl>
              <w:tblPr>
                <w:tblW w:w="9638" w:type="dxa"/>
                <w:tblBorders>
                  <w:top w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:left w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:bottom w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:right w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:insideH w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:insideV w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                </w:tblBorders>
                <w:tblLayout w:type="fixed"/>
                <w:tblCellMar>
                  <w:top w:w="80" w:type="dxa"/>
                  <w:left w:w="100" w:type="dxa"/>
                  <w:bottom w:w="80" w:type="dxa"/>
                  <w:right w:w="100" w:type="dxa"/>
                </w:tblCellMar>
                <w:tblLook w:val="0480" w:firstRow="0" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
              </w:tblPr>
              <w:tblGrid>
                <w:gridCol w:w="2891"/>
                <w:gridCol w:w="6747"/>
              </w:tblGrid>
              <w:tr>
                <w:trPr>
                  <w:cantSplit/>
                </w:trPr>
                <w:tc>
                  <w:tcPr>
                    <w:tcW w:w="2891" w:type="dxa"/>
                    <w:shd w:val="clear" w:color="auto" w:fill="E8EDEE"/>
                  </w:tcPr>
                  <w:p>
                    <w:pPr>
                      <w:pStyle w:val="KeyValueText"/>
                    </w:pPr>
                    <w:r>
                      <w:rPr>
                        <w:rStyle w:val="Strong"/>
                      </w:rPr>
                      <w:t xml:space="preserve">Owner</w:t>
                    </w:r>
                  </w:p>
                </w:tc>
                <w:tc>
                  <w:tcPr>
                    <w:tcW w:w="6747" w:type="dxa"/>
                  </w:tcPr>
                  <w:p>
                    <w:pPr>
                      <w:pStyle w:val="KeyValueText"/>
                    </w:pPr>
                    <w:r>
                      <w:t xml:space="preserve">Library</w:t>
                    </w:r>
                  </w:p>
                </w:tc>
              </w:tr>
            </w:tbl>
            <w:p>
              <w:pPr>
                <w:pStyle w:val="Caption"/>
              </w:pPr>
              <w:r>
                <w:t xml:space="preserve">Register</w:t>
              </w:r>
            </w:p>
            <w:tbl>
              <w:tblPr>
                <w:tblW w:w="9638" w:type="dxa"/>
                <w:tblBorders>
                  <w:top w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:left w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:bottom w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:right w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:insideH w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                  <w:insideV w:val="single" w:sz="4" w:space="0" w:color="AEB7BD"/>
                </w:tblBorders>
                <w:tblLayout w:type="fixed"/>
                <w:tblCellMar>
                  <w:top w:w="80" w:type="dxa"/>
                  <w:left w:w="100" w:type="dxa"/>
                  <w:bottom w:w="80" w:type="dxa"/>
                  <w:right w:w="100" w:type="dxa"/>
                </w:tblCellMar>
                <w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
                <w:tblCaption w:val="Register"/>
              </w:tblPr>
              <w:tblGrid>
                <w:gridCol w:w="9638"/>
              </w:tblGrid>
              <w:tr>
                <w:trPr>
                  <w:cantSplit/>
                  <w:tblHeader/>
                </w:trPr>
                <w:tc>
                  <w:tcPr>
                    <w:tcW w:w="9638" w:type="dxa"/>
                    <w:shd w:val="clear" w:color="auto" w:fill="005EB8"/>
                  </w:tcPr>
                  <w:p>
                    <w:pPr>
                      <w:pStyle w:val="TableText"/>
                      <w:keepNext/>
                    </w:pPr>
                    <w:r>
                      <w:rPr>
                        <w:b/>
                        <w:bCs/>
                        <w:color w:val="FFFFFF"/>
                      </w:rPr>
                      <w:t xml:space="preserve">Driver</w:t>
                    </w:r>
                  </w:p>
                </w:tc>
              </w:tr>
              <w:tr>
                <w:trPr>
                  <w:cantSplit/>
                </w:trPr>
                <w:tc>
                  <w:tcPr>
                    <w:tcW w:w="9638" w:type="dxa"/>
                  </w:tcPr>
                  <w:p>
                    <w:pPr>
                      <w:pStyle w:val="TableText"/>
                    </w:pPr>
                    <w:r>
                      <w:t xml:space="preserve">One</w:t>
                    </w:r>
                  </w:p>
                </w:tc>
              </w:tr>
            </w:tbl>
            <w:p>
            </w:p>
            <w:sectPr>
              <w:headerReference w:type="default" r:id="rIdHeader"/>
              <w:footerReference w:type="default" r:id="rIdFooter"/>
              <w:pgSz w:w="11906" w:h="16838"/>
              <w:pgMar w:top="1417" w:right="1134" w:bottom="1417" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>
              <w:cols w:space="720"/>
              <w:titlePg/>
            </w:sectPr>
          </w:body>
        </w:document>"#]]
    .assert_eq(&xml);
}
