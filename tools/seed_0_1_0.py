"""Build the 0.1.0 records (issue 2 slice) and write them as canonical JSON.

Run from the repository root: ``python tools/seed_0_1_0.py``.  Kept so the
first release's curation is reviewable; later edits go to the data files.
"""

import json
from pathlib import Path

DATA = Path("src/kz_labour_rights/data")
HRW = "source:hrw-2016-we-are-not-the-enemy"
GRI = "source:ituc-gri-kazakhstan"
FPC = "source:fpc-2021-sustained-crackdown"
ILO = "source:ilo-cas-2021-c087"
PR = "source:ituc-2017-union-leaders-jailed"


def C(source, quote, locator=None):
    c = {"source": source, "quote": quote}
    if locator:
        c["locator"] = locator
    return c


ILO_GOV = "Written information provided by the Government (13 May 2021)"
ILO_WRK = "Statement of the Worker members"

people = [
    dict(id="person:larisa-kharkova", name="Larisa Kharkova", aliases=["L. Kharkova", "Larisa Nilolayvna Kharkova"],
         description="President of the Confederation of Independent Trade Unions of Kazakhstan (KNPRK/CNTUK/CITUK); convicted of abuse of office in 2017.",
         citations=[C(GRI, "the former KNPRK leader Larisa Nilolayvna Kharkova", "entry 'Kharkova, Eleusinov and Kushakbayev still cannot engage in trade union activities' 18-02-2022"),
                    C(ILO, "Ms Kharkova, former leader of the Confederation of Independent Trade Unions of Kazakhstan (CITUK).", ILO_GOV),
                    C(HRW, "Larisa Kharkova, president of the Confederation of Independent Trade Unions of the Republic of Kazakhstan (KNPRK)")]),
    dict(id="person:erlan-baltabay", name="Erlan Baltabay", aliases=["E. Baltabay", "Erlan Baltabai"],
         description="Chairman of the local trade union Decent Work of Petrochemical Industry Employees (Shymkent) and leader of the Industrial Union of Employees of the Fuel and Energy Sector; convicted of misappropriation in 2019.",
         citations=[C(ILO, "Mr Baltabay, Local Trade Union, Decent Work of Petrochemical Industry Employees, NGO Chairman", ILO_GOV),
                    C(FPC, "Authorities in Kazakhstan also targeted the trade union leader Erlan Baltabay"),
                    C(HRW, "Erlan Baltabai, an oil worker trade union leader in Shymkent")]),
    dict(id="person:nurbek-kushakbaev", name="Nurbek Kushakbaev", aliases=["Nurbek Kushakbayev", "Nurbek Kushakpaev"],
         description="Deputy chair of the Confederation of Independent Trade Unions of Kazakhstan (CNTUK/KNPRK) and labour inspector of the trade union at the Oil Construction Company; convicted in 2017 of calling for participation in a strike declared illegal.",
         citations=[C(PR, "The two officials concerned, Amin Yeleusinov and Nurbek Kushakbayev"),
                    C(GRI, "Nurbek Kushakbayev, deputy chair of the KNPRK and labour inspector of the trade union at the Oil Construction Company (OCC)"),
                    C(GRI, "Amin Eleusinov and Nurbek Kushakpaev"),
                    C(HRW, "Nurbek Kushakbaev, the OCC trade union’s safety inspector")]),
    dict(id="person:amin-eleusinov", name="Amin Eleusinov", aliases=["Amin Yeleusinov"],
         description="Chair of the trade union at the Oil Construction Company (an affiliate of the CNTUK); convicted in 2017 of embezzlement and of offences against a representative of state authority.",
         citations=[C(GRI, "Amin Yeleusinov, former chair of the trade union at the Kazakhstan Oil Construction Company (OCC)"),
                    C(FPC, "another Kazakh court sentenced the trade union leader Amin Eleusinov to two years in prison")]),
    dict(id="person:kassym-jomart-tokayev", name="Kassym-Jomart Tokayev", description="President of Kazakhstan, who pardoned Baltabay in August 2019.",
         citations=[C(ILO, "filed a petition for a pardon to Mr Kassym-Jomart Tokayev, the President of Kazakhstan.", ILO_GOV)]),
    dict(id="person:abishev", name="Abishev", aliases=["Mr Abishev"], description="Represented Baltabay in his appeal of 24 September 2020; given by surname only.",
         citations=[C(ILO, "On 24 September 2020, Mr Baltabay, with Mr Abishev representing him, appealed once again to the court against the court verdict of 17 July 2019.", ILO_GOV)]),
]

orgs = [
    dict(id="org:knprk", name="Confederation of Independent Trade Unions of Kazakhstan", kind="confederation",
         aliases=["KNPRK", "CNTUK", "CITUK", "KNPKR", "Confederation of Independent Trade Unions of the Republic of Kazakhstan"],
         description="National-tier independent trade union centre led by Larisa Kharkova; ordered closed by a Shymkent court in January 2017. HRW once writes its acronym KNPKR.",
         citations=[C(GRI, "Confederation of Independent Trade Unions of Kazakhstan (KNPRK) president Larisa Kharkova"),
                    C(GRI, "Mr. Nurbek Kushakbaev, deputy chair of the Confederation of Independent Trade Unions of Kazakhstan (CNTUK)"),
                    C(ILO, "Ms Kharkova, former leader of the Confederation of Independent Trade Unions of Kazakhstan (CITUK).", ILO_GOV)]),
    dict(id="org:kspk", name="Confederation of Free Trade Unions of Kazakhstan", kind="confederation", aliases=["KSPK"],
         description="Independent national-tier union centre denied re-registration under the 2014 Law on Trade Unions; FPC calls Kharkova its president in 2016. How it relates to the KNPRK is left to a later release.",
         citations=[C(FPC, "The Confederation of Free Trade Unions of Kazakhstan (KSPK), the country’s largest independent national-tier trade union")]),
    dict(id="org:decent-work-petrochemical", name="Decent Work of Petrochemical Industry Employees", kind="union",
         aliases=["Decent Work for Petrochemical Industry Workers", "Decent Work for petrochemical industry workers", "Dostoinii Trud"],
         description="Local trade union in Shymkent chaired by Erlan Baltabay.",
         citations=[C(ILO, "Mr Baltabay, Local Trade Union, Decent Work of Petrochemical Industry Employees, NGO Chairman", ILO_GOV),
                    C(GRI, "head of the local trade union Decent Work for Petrochemical Industry Workers"),
                    C(HRW, "Erlan Baltabai, chairman of Dostoinii Trud, the KNPRK-affiliate union in Shymkent")]),
    dict(id="org:fuel-energy-industrial-union", name="Industrial Union of Employees of the Fuel and Energy Sector", kind="union",
         aliases=["Industrial Union of Employees in the Fuel and Energy Sector"],
         description="Sectoral union led by Baltabay, reported in 2021 to be in the process of dissolution. Its relation to the other fuel-and-energy union names in the sources is left to a later release.",
         citations=[C(ILO, "Mr Baltabay, leader of the Industrial Union of Employees of the Fuel and Energy Sector, which is currently in the process of being dissolved", ILO_WRK)]),
    dict(id="org:occ-union", name="Trade Union of Oil Construction Company", kind="union",
         aliases=["trade union at the Oil Construction Company", "Oil Construction Company trade union"],
         description="Union at the Oil Construction Company (OCC), an affiliate of the CNTUK.",
         citations=[C(GRI, "Mr. Amin Yeleusinov, chair of the CNTUK’s affiliate Trade Union of Oil Construction Company")]),
    dict(id="org:techno-trading", name="Techno Trading Ltd", kind="company", description="Company Kushakbaev was ordered to compensate, per the ITUC.",
         citations=[C(PR, "Kushakbaev has been ordered to pay 75,000 Euros in compensation to Techno Trading Ltd")]),
    dict(id="org:enbekshi-district-court-shymkent", name="Enbekshi District Court of Shymkent", kind="court",
         aliases=["Enbekshinskii District Court in Shymkent", "Court of the Enbekshinsky District of the South Kazakhstan Region"],
         citations=[C(ILO, "On 17 July 2019, Mr Baltabay was found guilty by the verdict of the Enbekshi District Court of Shymkent", ILO_GOV),
                    C(GRI, "On 25 July 2017, the Enbekshinskii District Court in Shymkent, a town in southern Kazakhstan, convicted Kharkova of abuse of office")]),
    dict(id="org:al-farabi-district-court-shymkent", name="Al-Farabi District Court of Shymkent", kind="court",
         citations=[C(ILO, "According to the decision of the Al-Farabi District Court of Shymkent, adopted on the same day", ILO_GOV)]),
    dict(id="org:south-kazakhstan-regional-court", name="South Kazakhstan Regional Court", kind="court", aliases=["South Kazakhstan Regional Court Appeal Panel"],
         citations=[C(ILO, "On 29 September 2017, the South Kazakhstan Regional Court Appeal Panel found the verdict lawful and justified, and left it unchanged.", ILO_GOV)]),
    dict(id="org:supreme-court", name="Supreme Court of Kazakhstan", kind="court", aliases=["Supreme Court"],
         citations=[C(GRI, "On 7 November 2018, Kazakhstan’s Supreme Court upheld the conviction and sentence")]),
    dict(id="org:pavlodar-court", name="Pavlodar court", kind="court", description="The court in Pavlodar that released Kushakbaev on parole (10 May 2018); per the ITUC a local court also decided Eleusinov's release (4 May 2018).",
         citations=[C(GRI, "the 10 May decision of a Pavlodar court to release him from prison on parole")]),
    dict(id="org:is-167-11", name="IS-167/11 penal institution, Shymkent", kind="state-body", aliases=["IS-167/11"],
         citations=[C(ILO, "Mr Baltabay was released from the Shymkent IS-167/11 Department of Criminal Justice Institution of the Ministry of Internal Affairs.", ILO_GOV)]),
    dict(id="org:is-167-3", name="IS-167/3 penal institution", kind="state-body", aliases=["IS-167/3"],
         citations=[C(ILO, "Mr Baltabay was released from IS-167/3 on 20 March 2020", ILO_GOV)]),
    dict(id="org:probation-service-enbekshi", name="Probation service No. 1 of the Enbekshi District, Shymkent", kind="state-body",
         citations=[C(ILO, "On 9 November 2017, Ms Kharkova was registered with probation service No. 1 of the Enbekshi District of the Department of Criminal Justice of Shymkent.", ILO_GOV)]),
]

memberships = [
    dict(id="membership:kharkova-knprk-president", person="person:larisa-kharkova", organisation="org:knprk", role="president",
         citations=[C(GRI, "Confederation of Independent Trade Unions of Kazakhstan (KNPRK) president Larisa Kharkova"),
                    C(FPC, "the head of KNPRK, Larisa Kharkova"),
                    C(HRW, "Larisa Kharkova, president of KNPRK, told Human Rights Watch in June 2016")]),
    dict(id="membership:kharkova-kspk-president", person="person:larisa-kharkova", organisation="org:kspk", role="president",
         citations=[C(FPC, "Larisa Kharkova, KSPK president, told HRW in 2016"), C(HRW, "Larisa Kharkova, KSPK president, told Human Rights Watch")]),
    dict(id="membership:kushakbaev-knprk-deputy-chair", person="person:nurbek-kushakbaev", organisation="org:knprk", role="deputy chair",
         citations=[C(GRI, "Mr. Nurbek Kushakbaev, deputy chair of the Confederation of Independent Trade Unions of Kazakhstan (CNTUK)")]),
    dict(id="membership:kushakbaev-occ-union-labour-inspector", person="person:nurbek-kushakbaev", organisation="org:occ-union", role="labour inspector",
         citations=[C(GRI, "labour inspector of the trade union at the Oil Construction Company (OCC)")]),
    dict(id="membership:kushakbaev-occ-union-safety-inspector", person="person:nurbek-kushakbaev", organisation="org:occ-union", role="safety inspector",
         citations=[C(HRW, "Nurbek Kushakbaev, the OCC trade union’s safety inspector")]),
    dict(id="membership:eleusinov-occ-union-chair", person="person:amin-eleusinov", organisation="org:occ-union", role="chair",
         citations=[C(GRI, "Mr. Amin Yeleusinov, chair of the CNTUK’s affiliate Trade Union of Oil Construction Company")]),
    dict(id="membership:baltabay-decent-work-chair", person="person:erlan-baltabay", organisation="org:decent-work-petrochemical", role="chair",
         citations=[C(ILO, "Mr Baltabay, Local Trade Union, Decent Work of Petrochemical Industry Employees, NGO Chairman", ILO_GOV),
                    C(GRI, "head of the local trade union Decent Work for Petrochemical Industry Workers")]),
    dict(id="membership:baltabay-fuel-energy-leader", person="person:erlan-baltabay", organisation="org:fuel-energy-industrial-union", role="leader",
         citations=[C(ILO, "Mr Baltabay, leader of the Industrial Union of Employees of the Fuel and Energy Sector", ILO_WRK)]),
]

CC = "Criminal Code of the Republic of Kazakhstan (2014)"
provisions = [
    dict(id="provision:kz-cc-2014/art-189/part-4/para-2", instrument=CC, article="189", part="4", paragraph="2",
         title="Misappropriation or embezzlement of entrusted property",
         citations=[C(ILO, "under paragraph 2, part 4, of article 189 of Kazakhstan’s Criminal Code (hereinafter the CC) (misappropriation or embezzlement of entrusted property)", ILO_GOV)]),
    dict(id="provision:kz-cc-2014/art-250/part-1", instrument=CC, article="250", part="1", title="Abuse of office",
         citations=[C(ILO, "due to abuse of office (Part 1 of CC, article 250)", ILO_GOV)]),
    dict(id="provision:kz-cc-2014/art-41/part-6/para-3", instrument=CC, article="41", part="6", paragraph="3",
         title="Replacement of an unpaid fine by imprisonment",
         versions=[dict(summary="An unpaid fine is replaced by imprisonment at one day per four MCIs for a person convicted of a grave crime.",
                        citations=[C(ILO, "the pending amount of the fine shall be replaced by a term of imprisonment, calculated as one imprisonment day equal to four MCIs to be paid by the person convicted of a grievous crime.", ILO_GOV)])],
         citations=[C(ILO, "Under paragraph 3, part 6, of article 41 of the CC", ILO_GOV)]),
    dict(id="provision:kz-cc-2014/art-44", instrument=CC, article="44", title="Restriction of liberty",
         versions=[dict(summary="Probation control for six months to seven years and 100 hours of compulsory labour a year during the term.",
                        citations=[C(ILO, "Restriction of liberty consists of probation control over the convict for six months to seven years and performance by the convict of 100 hours of compulsory labour annually during the term of the sentence.", ILO_GOV)])],
         citations=[C(GRI, "In accordance with Article 44 of the Criminal Code of the Republic of Kazakhstan, state control for the entire period of the sentence was to be implemented.")]),
]

cases = [
    dict(id="case:baltabay-2019", kind="criminal", title="Criminal case against Erlan Baltabay (misappropriation, 2019)",
         people=["person:erlan-baltabay"], organisations=["org:decent-work-petrochemical"],
         courts=["org:enbekshi-district-court-shymkent", "org:al-farabi-district-court-shymkent"],
         provisions=["provision:kz-cc-2014/art-189/part-4/para-2", "provision:kz-cc-2014/art-41/part-6/para-3"],
         summary="Charged with misappropriating union funds entrusted to him; sentenced to seven years, pardoned, the unserved term converted to a fine, the unpaid fine replaced by imprisonment.",
         citations=[C(ILO, "Mr Baltabay, Local Trade Union, Decent Work of Petrochemical Industry Employees, NGO Chairman, misappropriated 10,800,000 Kazakhstani tenge entrusted to him through abuse of his official position.", ILO_GOV),
                    C(GRI, "stealing approximately US$28,000 in membership dues")]),
    dict(id="case:kharkova-2017", kind="criminal", title="Criminal case against Larisa Kharkova (abuse of office, 2017)",
         people=["person:larisa-kharkova"], organisations=["org:knprk"],
         courts=["org:enbekshi-district-court-shymkent", "org:south-kazakhstan-regional-court", "org:supreme-court"],
         provisions=["provision:kz-cc-2014/art-250/part-1", "provision:kz-cc-2014/art-44"],
         summary="Convicted of abuse of office as KNPRK president; restriction of liberty, a ban on leadership positions and compulsory labour.",
         citations=[C(ILO, "resulting in damage exceeding 12,000,000 tenge.", ILO_GOV),
                    C(FPC, "A Shymkent court on July 25th 2017, convicted Larisa Kharkova, head of the Confederation of Independent Trade Unions of Kazakhstan, of abuse of office.")]),
    dict(id="case:kushakbaev-2017", kind="criminal", title="Criminal case against Nurbek Kushakbaev (calls to join a strike declared illegal, 2017)",
         people=["person:nurbek-kushakbaev"], organisations=["org:knprk", "org:techno-trading"], courts=["org:pavlodar-court"],
         summary="Arrested in January 2017 after calling for a strike against the KNPRK's closure; sentenced in April 2017; released on parole in May 2018.",
         citations=[C(FPC, "On April 7th 2017 Kushakbaev was sentenced to two-and-a-half years in prison for the “crime” of calling on workers to carry out a strike that had been declared illegal in court."),
                    C(GRI, "Kushakbayev was sentenced to two and a half years in prison in April 2017 after being convicted for charges of instigating an illegal strike")]),
    dict(id="case:eleusinov-2017", kind="criminal", title="Criminal case against Amin Eleusinov (embezzlement, 2017)",
         people=["person:amin-eleusinov"], organisations=["org:occ-union"],
         summary="Arrested in January 2017; sentenced in May 2017 on embezzlement charges and for offences against a representative of state authority; released early in May 2018.",
         citations=[C(GRI, "Eleusinov was sentenced to two years in prison in May 2017 on embezzlement charges and for publicly insulting, assaulting and refusing to obey a representative of state authority.")]),
]

B, K, N, A = "person:erlan-baltabay", "person:larisa-kharkova", "person:nurbek-kushakbaev", "person:amin-eleusinov"
ENB, ALF = "org:enbekshi-district-court-shymkent", "org:al-farabi-district-court-shymkent"
ev = []


def E(id, kind, date, case, summary, citations, people=(), orgs=(), provisions=(), status=None):
    d = dict(id=id, kind=kind, date=date, case=case, summary=summary, citations=citations, people=list(people), organisations=list(orgs), provisions=list(provisions))
    if status:
        d["status"] = status
    ev.append(d)


GRI_B = "entry 'Union leader imprisoned for a second time for union activity' 19-12-2019"
E("event:baltabay-2019-07-17-verdict", "verdict", "2019-07-17", "case:baltabay-2019",
  "Enbekshi District Court of Shymkent convicts Baltabay under art. 189 part 4 para 2 CC: seven years' imprisonment and a seven-year ban on senior positions in public associations and non-profit organisations.",
  [C(ILO, "On 17 July 2019, Mr Baltabay was found guilty by the verdict of the Enbekshi District Court of Shymkent", ILO_GOV),
   C(FPC, "On July 17th 2019, a Shymkent court convicted Baltabay on politically motivated charges of misappropriating union funds")],
  [B], [ENB], ["provision:kz-cc-2014/art-189/part-4/para-2"])
E("event:baltabay-2019-08-02-pardon-petition", "pardon-petition", "2019-08-02", "case:baltabay-2019",
  "Baltabay admits guilt and petitions President Tokayev for a pardon.",
  [C(ILO, "On 2 August 2019, Mr Baltabay admitted guilt and filed a petition for a pardon to Mr Kassym-Jomart Tokayev, the President of Kazakhstan.", ILO_GOV)], [B, "person:kassym-jomart-tokayev"])
E("event:baltabay-2019-08-09-pardon", "pardon", "2019-08-09", "case:baltabay-2019",
  "Baltabay is pardoned by presidential decree; the unserved part of the sentence is replaced by a fine.",
  [C(ILO, "Mr Baltabay was pardoned on 9 August 2019, by Presidential Decree, and the unserved part of the sentence was replaced by a fine.", ILO_GOV),
   C(FPC, "Although he was released by presidential pardon in August 2019")], [B, "person:kassym-jomart-tokayev"])
E("event:baltabay-2019-08-09-fine-conversion", "sentence-replacement", "2019-08-09", "case:baltabay-2019",
  "Al-Farabi District Court of Shymkent recalculates the unserved 2,528 days of imprisonment as a fine of 1,595,800 tenge, payable within a month.",
  [C(ILO, "the unserved 2,528 days of imprisonment were recalculated as a fine amounting to 1,595,800 tenge, which Mr Baltabay is obliged to pay within a month of the decision date.", ILO_GOV)], [B], [ALF])
E("event:baltabay-2019-08-09-release", "release", "2019-08-09", "case:baltabay-2019",
  "Baltabay is released from penal institution IS-167/11 in Shymkent.",
  [C(ILO, "At the same time, Mr Baltabay was released from the Shymkent IS-167/11 Department of Criminal Justice Institution of the Ministry of Internal Affairs.", ILO_GOV)], [B], ["org:is-167-11"])
E("event:baltabay-2019-09-11-enforcement", "enforcement", "2019-09-11", "case:baltabay-2019",
  "Enforcement proceedings are opened to recover the unpaid fine of 1,595,800 tenge.",
  [C(ILO, "On 11 September 2019, enforcement proceedings were initiated against Mr Baltabay to recover the 1,595,800 tenge fine owed to the State, which he had failed to pay.", ILO_GOV)], [B])
E("event:baltabay-2019-10-01-replacement-submission", "petition", "2019-10-01", "case:baltabay-2019",
  "A submission asks the Al-Farabi District Court to replace the unpaid fine with another punishment.",
  [C(ILO, "On 1 October 2019, a submission was made to the Al-Farabi District Court of Shymkent to replace the fine imposed on Mr Baltabay by the court verdict with another punishment, due to the failure to pay the fine.", ILO_GOV)], [B], [ALF])
E("event:baltabay-2019-10-07-deadline-petition", "petition", "2019-10-07", "case:baltabay-2019",
  "Baltabay petitions for restoration of the missed appeal deadline. The source's parenthesised date \"(7 October 2019)\" may instead be the verdict's entry into force; see the discrepancy record.",
  [C(ILO, "filed a petition to the court requesting the restoration of the appeal deadlines, two months after the date of the entry into legal force of the verdict (7 October 2019).", ILO_GOV)], [B])
E("event:baltabay-2019-10-16-fine-replaced", "sentence-replacement", "2019-10-16", "case:baltabay-2019",
  "Al-Farabi District Court replaces the unpaid fine by five months and eight days of imprisonment (one day per four MCIs, art. 41 part 6 para 3 CC); Baltabay is taken into custody in the courtroom.",
  [C(ILO, "The above sanction was replaced by five months and eight days of imprisonment by decision of the Al-Farabi District Court of Shymkent (court decision of 16 October 2019).", ILO_GOV),
   C(FPC, "he was sentenced to five months in prison in October 2019 for failing to pay the required fine.")],
  [B], [ALF], ["provision:kz-cc-2014/art-41/part-6/para-3"])
E("event:baltabay-2019-10-31-deadline-refused", "ruling", "2019-10-31", "case:baltabay-2019",
  "Enbekshi District Court denies the request to restore the missed appeal deadline.",
  [C(ILO, "The Enbekshi District Court of Shymkent denied the request to restore the missed deadline in its decision dated 31 October 2019.", ILO_GOV)], [B], [ENB])
E("event:baltabay-2020-03-20-release", "release", "2020-03-20", "case:baltabay-2019",
  "Baltabay is released from IS-167/3 on the expiry of the replacement term.",
  [C(ILO, "Mr Baltabay was released from IS-167/3 on 20 March 2020, upon the expiry of the sentence", ILO_GOV),
   C(GRI, "was released from custody on 20 March 2020")], [B], ["org:is-167-3"])
E("event:baltabay-2020-09-24-appeal", "appeal", "2020-09-24", "case:baltabay-2019",
  "Baltabay, represented by Abishev, appeals the verdict of 17 July 2019 again.",
  [C(ILO, "On 24 September 2020, Mr Baltabay, with Mr Abishev representing him, appealed once again to the court against the court verdict of 17 July 2019.", ILO_GOV)], [B, "person:abishev"])
E("event:baltabay-2020-09-28-appeal-dismissed", "ruling", "2020-09-28", "case:baltabay-2019",
  "Enbekshi District Court dismisses the appeal as out of time.",
  [C(ILO, "The Enbekshi District Court of Shymkent dismissed the appeal due to the missed deadline to appeal the verdict in a decision dated 28 September 2020.", ILO_GOV)], [B], [ENB])

GRI_K = "entry 'Larisa Kharkova appeal refused by judge' 07-11-2018"
E("event:kharkova-2017-07-25-verdict", "verdict", "2017-07-25", "case:kharkova-2017",
  "Enbekshi District Court in Shymkent convicts Kharkova of abuse of office (art. 250 part 1 CC): four years' restriction of liberty, confiscation of property, a five-year ban on senior positions in public associations and non-profit organisations, and compulsory labour (100 hours or 400 hours, as sources differ).",
  [C(ILO, "On 25 July 2017, she was sentenced to four years of restriction of liberty, confiscation of property and five-years deprivation of the right to hold senior positions in public associations and non-profit organizations", ILO_GOV),
   C(GRI, "On 25 July 2017, the Enbekshinskii District Court in Shymkent, a town in southern Kazakhstan, convicted Kharkova of abuse of office", GRI_K),
   C(FPC, "A Shymkent court on July 25th 2017, convicted Larisa Kharkova")],
  [K], [ENB], ["provision:kz-cc-2014/art-250/part-1"])
E("event:kharkova-2017-09-29-appeal", "appeal", "2017-09-29", "case:kharkova-2017",
  "South Kazakhstan Regional Court Appeal Panel upholds the verdict.",
  [C(ILO, "On 29 September 2017, the South Kazakhstan Regional Court Appeal Panel found the verdict lawful and justified, and left it unchanged.", ILO_GOV),
   C(GRI, "The Court of Appeal upheld the decision in September 2017.")], [K], ["org:south-kazakhstan-regional-court"])
E("event:kharkova-2017-11-09-probation", "probation-registration", "2017-11-09", "case:kharkova-2017",
  "Kharkova is registered with probation service No. 1 of the Enbekshi District, Shymkent — the date from which the authorities counted her restriction of liberty.",
  [C(ILO, "On 9 November 2017, Ms Kharkova was registered with probation service No. 1 of the Enbekshi District of the Department of Criminal Justice of Shymkent.", ILO_GOV)], [K], ["org:probation-service-enbekshi"])
E("event:kharkova-2018-01-community-service-challenge", "ruling", "2018-01", "case:kharkova-2017",
  "Kharkova successfully challenges the community-service part of her sentence; the other restrictions remain.",
  [C(GRI, "In January 2018, Kharkova successfully challenged engaging in community service in her sentence, but other restrictions remained.")], [K])
E("event:kharkova-2018-11-07-supreme-court", "cassation", "2018-11-07", "case:kharkova-2017",
  "The Supreme Court upholds Kharkova's conviction and sentence (ITUC entry of 07-11-2018).",
  [C(GRI, "On 7 November 2018, Kazakhstan’s Supreme Court upheld the conviction and sentence", GRI_K)], [K], ["org:supreme-court"])
E("event:kharkova-2018-11-09-parole-eligibility", "parole-eligibility", "2018-11-09", "case:kharkova-2017",
  "From this date Kharkova may petition for conditional early release; the restriction could be replaced by a fine of about 800,000 tenge if the damage (about 5,000,000 tenge) were fully compensated.",
  [C(ILO, "It has been possible to file a conditional early release petition since 9 November 2018.", ILO_GOV),
   C(ILO, "Subject to Ms Kharkova’s application, the restriction of freedom could be replaced by a fine (approx. 800,000 tenge). To allow the above, complete compensation for the damage (approx. 5,000,000 tenge) is required, but this right has not been exercised.", ILO_GOV)], [K])
E("event:kharkova-2019-02-09-parole-deadline", "deadline", "2019-02-09", "case:kharkova-2017",
  "The deadline for a conditional early release petition expires; per the Prosecutor General's Office none was filed.",
  [C(ILO, "The deadline to file the conditional early release petition expired on 9 February 2019, and according to the Prosecutor General’s Office, no application was submitted.", ILO_GOV)], [K])
E("event:kharkova-2019-05-22-supreme-court", "cassation", "2019-05-22", "case:kharkova-2017",
  "The Supreme Court upholds the sentence against Kharkova (ITUC entry of 22-05-2019).",
  [C(GRI, "Supreme Court upholds unjust sentence against Larisa Kharkova", "entry 'Supreme Court upholds unjust sentence against Larisa Kharkova' 22-05-2019")], [K], ["org:supreme-court"])
E("event:kharkova-2021-11-09-restriction-ends", "sentence-end", "2021-11-09", "case:kharkova-2017",
  "End of Kharkova's restriction of liberty as counted by the authorities from her probation registration (5 October 2021 if counted from entry into force, per the ITUC). Still to come when the ILO record was published; the ITUC's 2022 entry reports it as having expired.",
  [C(ILO, "The term of Ms Kharkova’s restriction of freedom expires on 9 November 2021.", ILO_GOV),
   C(GRI, "The restrictions imposed by the court sentence on the freedom of the former KNPRK leader Larisa Nilolayvna Kharkova expired on 9 November 2021.")], [K])

GRI_R = "entry 'Two prominent labour leaders released from prison' 31-05-2018"
E("event:kushakbaev-eleusinov-2017-01-21-arrest", "arrest", "2017-01-21", None,
  "Kushakbaev and Eleusinov are arrested after calling for a strike against the closure of the CNTUK.",
  [C(GRI, "On 21 January 2017, two trade union leaders – Mr. Nurbek Kushakbaev, deputy chair of the Confederation of Independent Trade Unions of Kazakhstan (CNTUK), and Mr. Amin Yeleusinov, chair of the CNTUK’s affiliate Trade Union of Oil Construction Company – were arrested"),
   C(GRI, "Kushakbaev and Eleusinov were arrested in January 2017 after hundreds of OCC workers went on a hunger strike")], [N, A], ["org:knprk", "org:occ-union"])
E("event:kushakbaev-2017-04-07-verdict", "verdict", "2017-04-07", "case:kushakbaev-2017",
  "Kushakbaev is sentenced to two and a half years in prison for calling on workers to join a strike declared illegal, with damages (US$80,000 per FPC; 75,000 euros to Techno Trading Ltd per the ITUC) and a two-year ban.",
  [C(FPC, "On April 7th 2017 Kushakbaev was sentenced to two-and-a-half years in prison"),
   C(GRI, "Kushakbayev was sentenced to two and a half years in prison in April 2017")], [N])
E("event:eleusinov-2017-05-16-verdict", "verdict", "2017-05-16", "case:eleusinov-2017",
  "Eleusinov is sentenced to two years in prison on embezzlement charges, with a five-year ban on union activity and damages of US$26,300 (per FPC).",
  [C(FPC, "On May 16th 2017, another Kazakh court sentenced the trade union leader Amin Eleusinov to two years in prison on politically motivated embezzlement charges."),
   C(GRI, "Eleusinov was sentenced to two years in prison in May 2017")], [A])
E("event:eleusinov-2018-05-04-release-decision", "parole-decision", "2018-05-04", "case:eleusinov-2017",
  "A local court decides to release Eleusinov from prison.",
  [C(GRI, "was released from prison in Pavlodar on 22 May following a decision of the local court handed down on 4 May.", GRI_R)], [A], ["org:pavlodar-court"])
E("event:eleusinov-2018-05-22-release", "release", "2018-05-22", "case:eleusinov-2017",
  "Eleusinov is released from prison in Pavlodar, early.",
  [C(GRI, "Amin Yeleusinov, former chair of the trade union at the Kazakhstan Oil Construction Company (OCC), was released from prison in Pavlodar on 22 May", GRI_R),
   C(GRI, "who was convicted in 2017 and in May 2018 released early from serving a prison sentence")], [A])
E("event:kushakbaev-2018-05-10-parole-decision", "parole-decision", "2018-05-10", "case:kushakbaev-2017",
  "A Pavlodar court grants Kushakbaev parole.",
  [C(GRI, "the 10 May decision of a Pavlodar court to release him from prison on parole", GRI_R)], [N], ["org:pavlodar-court"])
E("event:kushakbaev-2018-05-28-release", "release", "2018-05-28", "case:kushakbaev-2017",
  "Kushakbaev is released from prison in Pavlodar on parole.",
  [C(GRI, "was released from prison in Pavlodar on 28 May following the 10 May decision of a Pavlodar court to release him from prison on parole.", GRI_R)], [N], ["org:pavlodar-court"])

pen = []


def P(id, case, person, kind, citations, term=None, amount=None, imposed_by=None, replaces=None, per_year=False, summary="", start=None, end=None):
    d = dict(id=id, case=case, person=person, kind=kind, citations=citations, summary=summary)
    for k, v in dict(term=term, amount=amount, imposed_by=imposed_by, replaces=replaces, start=start, end=end).items():
        if v is not None:
            d[k] = v
    if per_year:
        d["per_year"] = True
    pen.append(d)


BC, KC, NC, AC = "case:baltabay-2019", "case:kharkova-2017", "case:kushakbaev-2017", "case:eleusinov-2017"
P("penalty:baltabay-imprisonment-7y", BC, B, "imprisonment", [C(ILO, "sentenced to seven years imprisonment", ILO_GOV), C(FPC, "sentenced him to seven years in prison")],
  term="P7Y", imposed_by="event:baltabay-2019-07-17-verdict", summary="To be served in a medium security institution; unserved part replaced by a fine on pardon.")
P("penalty:baltabay-ban-senior-positions-7y", BC, B, "ban-on-positions",
  [C(ILO, "deprived of the right to hold senior positions in public associations and other non-profit organizations for seven years", ILO_GOV)],
  term="P7Y", imposed_by="event:baltabay-2019-07-17-verdict", summary="Ban on senior positions in public associations and other non-profit organisations, as the Government states it.")
P("penalty:baltabay-ban-civic-activities-7y", BC, B, "ban-on-activities",
  [C(FPC, "banned him from engaging in civic activities, including trade union activism, for seven years"),
   C(GRI, "remains to this day prohibited from exercising any public activity, including union activities, for the next seven years")],
  term="P7Y", imposed_by="event:baltabay-2019-07-17-verdict", summary="Ban on civic/public activity including trade union activity, as FPC and the ITUC state it.")
P("penalty:baltabay-fine-1595800-kzt", BC, B, "fine", [C(ILO, "the unserved 2,528 days of imprisonment were recalculated as a fine amounting to 1,595,800 tenge", ILO_GOV)],
  amount=dict(amount="1595800", currency="KZT"), imposed_by="event:baltabay-2019-08-09-fine-conversion", replaces="penalty:baltabay-imprisonment-7y",
  summary="The unserved 2,528 days of imprisonment recalculated as a fine, payable within a month.")
P("penalty:baltabay-imprisonment-5m8d", BC, B, "imprisonment", [C(ILO, "The above sanction was replaced by five months and eight days of imprisonment", ILO_GOV)],
  term="P5M8D", imposed_by="event:baltabay-2019-10-16-fine-replaced", replaces="penalty:baltabay-fine-1595800-kzt", start="2019-10-16", end="2020-03-20",
  summary="The unpaid fine replaced by imprisonment (one day per four MCIs), as the Government states it.")
P("penalty:baltabay-imprisonment-5m", BC, B, "imprisonment", [C(FPC, "he was sentenced to five months in prison in October 2019 for failing to pay the required fine."),
  C(GRI, "was again arrested and sentenced to an additional five months’ imprisonment for union-related activities and for not paying a fine", GRI_B)],
  term="P5M", imposed_by="event:baltabay-2019-10-16-fine-replaced", replaces="penalty:baltabay-fine-1595800-kzt", summary="The replacement term as FPC and the ITUC state it.")
P("penalty:kharkova-restriction-of-liberty-4y", KC, K, "restriction-of-liberty",
  [C(ILO, "she was sentenced to four years of restriction of liberty", ILO_GOV),
   C(GRI, "a restriction of her freedom of movement issued in July 2017 for four years")],
  term="P4Y", imposed_by="event:kharkova-2017-07-25-verdict", end="2021-11-09",
  summary="Probation control at her place of residence; ends 9 November 2021 as the authorities counted it, 5 October 2021 if counted from entry into force.")
P("penalty:kharkova-ban-5y", KC, K, "ban-on-positions",
  [C(ILO, "five-years deprivation of the right to hold senior positions in public associations and non-profit organizations", ILO_GOV),
   C(FPC, "banned from holding a leadership position in any non-governmental organisation, including trade unions, for five years.")],
  term="P5Y", imposed_by="event:kharkova-2017-07-25-verdict", summary="Ban on leadership positions in public associations and non-governmental/non-profit organisations.")
P("penalty:kharkova-confiscation", KC, K, "confiscation", [C(ILO, "confiscation of property", ILO_GOV)], imposed_by="event:kharkova-2017-07-25-verdict")
P("penalty:kharkova-compulsory-labour-100h-a-year", KC, K, "compulsory-labour",
  [C(ILO, "performance by the convict of 100 hours of compulsory labour annually during the term of the sentence.", ILO_GOV)],
  term="PT100H", per_year=True, imposed_by="event:kharkova-2017-07-25-verdict",
  summary="100 hours of compulsory labour a year over the four-year restriction of liberty, as the Government's reference to the law states it.")
P("penalty:kharkova-community-service-100h", KC, K, "compulsory-labour",
  [C(GRI, "The Shymkent District Court sentenced her to 100 hours of community service")],
  term="PT100H", imposed_by="event:kharkova-2017-07-25-verdict", summary="100 hours of community service, as the ITUC's 2019 entry states it (no 'a year').")
P("penalty:kharkova-community-service-400h", KC, K, "compulsory-labour",
  [C(FPC, "400 hours of community service"), C(GRI, "sentenced her to 400 hours of community service", GRI_K)],
  term="PT400H", imposed_by="event:kharkova-2017-07-25-verdict", summary="400 hours of community service, as FPC and the ITUC's 2018 entry state it.")
P("penalty:kushakbaev-imprisonment-2y6m", NC, N, "imprisonment",
  [C(FPC, "sentenced to two-and-a-half years in prison"), C(PR, "sentenced to two and two-and-a-half years’ jail respectively")],
  term="P2Y6M", imposed_by="event:kushakbaev-2017-04-07-verdict")
P("penalty:kushakbaev-damages-80000-usd", NC, N, "damages", [C(FPC, "He was also ordered to pay material damages of US$80,000")],
  amount=dict(amount="80000", currency="USD"), imposed_by="event:kushakbaev-2017-04-07-verdict", summary="Material damages, as FPC states them.")
P("penalty:kushakbaev-damages-75000-eur", NC, N, "damages", [C(PR, "Kushakbaev has been ordered to pay 75,000 Euros in compensation to Techno Trading Ltd")],
  amount=dict(amount="75000", currency="EUR"), imposed_by="event:kushakbaev-2017-04-07-verdict", summary="Compensation to Techno Trading Ltd, as the ITUC states it.")
P("penalty:kushakbaev-ban-2y", NC, N, "ban-on-activities",
  [C(FPC, "subjected to a two-year ban engaging in trade union activities"),
   C(PR, "he has been banned from any “public activities” for two years after his sentence is served")],
  term="P2Y", imposed_by="event:kushakbaev-2017-04-07-verdict", summary="Ban on trade union / public activities; per the ITUC it runs after the prison term is served.")
P("penalty:eleusinov-imprisonment-2y", AC, A, "imprisonment",
  [C(FPC, "sentenced the trade union leader Amin Eleusinov to two years in prison"), C(PR, "sentenced to two and two-and-a-half years’ jail respectively")],
  term="P2Y", imposed_by="event:eleusinov-2017-05-16-verdict")
P("penalty:eleusinov-ban-5y", AC, A, "ban-on-activities", [C(FPC, "The court banned him from engaging in trade union activities for five years")],
  term="P5Y", imposed_by="event:eleusinov-2017-05-16-verdict")
P("penalty:eleusinov-damages-26300-usd", AC, A, "damages", [C(FPC, "required him to pay US$26,300 in damages.")],
  amount=dict(amount="26300", currency="USD"), imposed_by="event:eleusinov-2017-05-16-verdict")

disc = [
    dict(id="discrepancy:kharkova-compulsory-labour-hours", status="resolved",
         summary="Kharkova's compulsory labour is given as 100 hours a year (ILO, citing the law), 100 hours of community service (ITUC 2019) and 400 hours of community service (FPC; ITUC 2018).",
         records=["penalty:kharkova-compulsory-labour-100h-a-year", "penalty:kharkova-community-service-100h", "penalty:kharkova-community-service-400h"],
         resolution="100 hours a year over the four-year restriction of liberty is 400 hours in all; the ITUC's 2019 '100 hours' matches the yearly figure without its 'a year'.",
         citations=[C(ILO, "performance by the convict of 100 hours of compulsory labour annually during the term of the sentence.", ILO_GOV), C(FPC, "400 hours of community service")]),
    dict(id="discrepancy:kushakbaev-damages-currency",
         summary="Kushakbaev's damages: US$80,000 (FPC) against 75,000 euros to Techno Trading Ltd (ITUC press release).",
         records=["penalty:kushakbaev-damages-80000-usd", "penalty:kushakbaev-damages-75000-eur"],
         resolution="Plausibly one amount in two currencies (the sources give no rate or tenge figure); unresolved.",
         citations=[C(FPC, "He was also ordered to pay material damages of US$80,000"), C(PR, "Kushakbaev has been ordered to pay 75,000 Euros in compensation to Techno Trading Ltd")]),
    dict(id="discrepancy:baltabay-replacement-term",
         summary="The term replacing Baltabay's unpaid fine: five months and eight days (ILO, Government) against five months (FPC; ITUC 19-12-2019, which also attributes it to union-related activities).",
         records=["penalty:baltabay-imprisonment-5m8d", "penalty:baltabay-imprisonment-5m"], status="resolved",
         resolution="FPC rounds down: 1,595,800 tenge at four MCIs (2,525 tenge in 2019) a day is 158 days, five months and eight days.",
         citations=[C(ILO, "The above sanction was replaced by five months and eight days of imprisonment", ILO_GOV), C(FPC, "he was sentenced to five months in prison in October 2019")]),
    dict(id="discrepancy:baltabay-ban-scope",
         summary="Scope of Baltabay's seven-year ban: senior positions in public associations and non-profit organisations (Government) against any civic or public activity including trade union activity (FPC, ITUC).",
         records=["penalty:baltabay-ban-senior-positions-7y", "penalty:baltabay-ban-civic-activities-7y"],
         citations=[C(ILO, "deprived of the right to hold senior positions in public associations and other non-profit organizations for seven years", ILO_GOV), C(FPC, "banned him from engaging in civic activities, including trade union activism, for seven years")]),
    dict(id="discrepancy:baltabay-deadline-petition-date",
         summary="Anomaly in the ILO record: the petition to restore the appeal deadline is told after the release of 20 March 2020, is dated '(7 October 2019)' — which may be the petition's date or the verdict's entry into force — and was refused on 31 October 2019. Only 7 October 2019 as the petition's date fits the refusal date.",
         records=["event:baltabay-2019-10-07-deadline-petition", "event:baltabay-2019-10-31-deadline-refused"],
         citations=[C(ILO, "filed a petition to the court requesting the restoration of the appeal deadlines, two months after the date of the entry into legal force of the verdict (7 October 2019).", ILO_GOV)]),
    dict(id="discrepancy:kharkova-restriction-end",
         summary="Kharkova's restriction of liberty ends on 5 October 2021 counted from entry into force, but on 9 November 2021 as the authorities counted it, from registration with the probation service.",
         records=["penalty:kharkova-restriction-of-liberty-4y", "event:kharkova-2021-11-09-restriction-ends"], status="resolved",
         resolution="Both are stated; the difference is the start convention (entry into force vs. probation registration on 9 November 2017).",
         citations=[C(GRI, "Instead of 5 October 2021, the restricted freedom sentence will end"), C(ILO, "The term of Ms Kharkova’s restriction of freedom expires on 9 November 2021.", ILO_GOV)]),
    dict(id="discrepancy:kharkova-supreme-court-dates",
         summary="The ITUC dates the Supreme Court's upholding of Kharkova's sentence 7 November 2018 in one entry and 22 May 2019 in another; the ILO record says only that a Supreme Court judge rejected the cassation referral and the Chairman's review was refused.",
         records=["event:kharkova-2018-11-07-supreme-court", "event:kharkova-2019-05-22-supreme-court"],
         resolution="Possibly two steps (a judge's preliminary rejection, then the Chairman's refusal); the sources do not say which is which.",
         citations=[C(GRI, "On 7 November 2018, Kazakhstan’s Supreme Court upheld the conviction and sentence", GRI_K), C(GRI, "Supreme Court upholds unjust sentence against Larisa Kharkova")]),
    dict(id="discrepancy:kharkova-ban-end",
         summary="The ITUC's 2022 entry says Kharkova's five-year ban, imposed 25 July 2017, expires on 5 October 2022 — five years from the verdict's entry into force, not from the verdict.",
         records=["penalty:kharkova-ban-5y"], status="resolved",
         resolution="Consistent with the ban running from entry into force (5 October 2017, implied by the restriction's unprolonged end of 5 October 2021).",
         citations=[C(GRI, "The term of this sanction was imposed by the Court of the Enbekshinsky District of the South Kazakhstan Region on 25 July 2017, expiring on 5 October 2022.")]),
]

for name, rows in [("people", people), ("organisations", orgs), ("memberships", memberships), ("provisions", provisions),
                   ("cases", cases), ("events", ev), ("penalties", pen), ("discrepancies", disc)]:
    for r in rows:
        for k in [k for k, v in r.items() if v in ("", [], None)]:
            del r[k]
    (DATA / f"{name}.json").write_text(json.dumps(sorted(rows, key=lambda r: r["id"]), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# HRW 2016: the earlier investigations of Eleusinov and Baltabay.
def _add(name, rows):
    path = DATA / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8")) + rows
    path.write_text(json.dumps(sorted(data, key=lambda r: r["id"]), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


HRW_L = "Legal Action Against Trade Union Leaders"
_add("organisations", [dict(id="org:pkop", name="Petro Kazakhstan Oil Products", aliases=["PKOP"], kind="company",
                            description="Oil company in Shymkent whose workers Baltabay's union represents.",
                            citations=[C(HRW, "Petro Kazakhstan Oil Products (PKOP), an oil company in Shymkent, southern Kazakhstan", HRW_L)])])
_add("memberships", [dict(id="membership:eleusinov-occ-union-chair-hrw", person=A, organisation="org:occ-union", role="chairman", start="2011-04",
                          citations=[C(HRW, "Amin Eleusinov was elected chairman of the Union of TOO Oil Construction Company (OCC) in Aktau in April 2011.", HRW_L)])])
_add("events", [
    dict(id="event:eleusinov-2013-investigation-opened", kind="investigation-opened", date="2013", people=[A], organisations=["org:occ-union"],
         summary="Early 2013: the Aktau financial police open a criminal investigation against Eleusinov on suspicion of misappropriation of funds; it was later closed for lack of evidence (closing date not given).",
         citations=[C(HRW, "In early 2013, the Aktau financial police opened a criminal investigation against Eleusinov on suspicion of “misappropriation of funds”", HRW_L)]),
    dict(id="event:eleusinov-2015-01-investigation-reopened", kind="investigation-opened", date="2015-01", people=[A],
         summary="Local authorities reopen the closed investigation against Eleusinov.",
         citations=[C(HRW, "Two years later, in January 2015, local authorities reinitiated the previously closed investigation against Eleusinov.", HRW_L)]),
    dict(id="event:eleusinov-2015-02-03-union-office-search", kind="search", date="2015-02-03", people=[A], organisations=["org:occ-union"],
         summary="Authorities, with armed OMON riot police, search the OCC union's office and confiscate documents and the union's computer.",
         citations=[C(HRW, "On February 3, 2015, the authorities, including armed riot police (OMON) officers, carried out a search of the trade union’s office, confiscating documents and the union’s computer.", HRW_L)]),
    dict(id="event:baltabay-2013-12-pkop-complaint", kind="other", date="2013-12", people=[B], organisations=["org:pkop", "org:decent-work-petrochemical"],
         summary="PKOP files a complaint against Baltabay alleging unlawful activities including 'inciting social discord'; the prosecutor's office investigated for several months and closed the case (per Kharkova to HRW).",
         citations=[C(HRW, "filed a complaint in December 2013 against Erlan Baltabai, chairman of Dostoinii Trud, the KNPRK-affiliate union in Shymkent for allegedly unlawful activities, including “inciting social discord.”", HRW_L),
                    C(HRW, "for several months the prosecutor’s office investigated the complaint, but ultimately dropped the case when they could not find evidence of a crime.", HRW_L)]),
])
