package session

// Frequent characters of the languages whose legacy charsets ftpane
// guesses (encoding_detect.go): the commonest characters of running text,
// plus the words file names are made of (documents, photos, backups,
// reports, dates, versions). A name decoded in the right charset is made
// mostly of these; decoded in a wrong one, its bytes land on characters
// that are mostly not. The lists are short on purpose: a few hundred
// characters cover most of any text in these languages.

// commonSimplified: Simplified Chinese (GBK, GB18030).
const commonSimplified = "" +
	"的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黑断线" +
	"录档图片照载传设置备份视频项测试据说明会议记版软装程序临时桌客户合同发票财务计划表格案例课件资料归存附属旧新草稿终审核签报价采购销售库存员工薪资考勤培训规章手册模板素材音乐电影歌曲壁纸截屏网站源码编译发布日志配置数据库备注总结周月季度年度汇报方案需求设计开发测试运维产品市场营销客服行政人事法务财税目录文件夹下载上传共享公共个人私密重要紧急"

// commonTraditional: Traditional Chinese (Big5).
const commonTraditional = "" +
	"的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物台象記邊共風戰乾接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結六功指思非流每青管夫連遠資隊跟帶花快條院變聯言權往展該領傳近留紅治決周保達辦運武半候七必城父強步完革深區即求品士轉量空甚眾技輕程告江語英基派滿式李息寫呢識極令黑斷線" +
	"錄檔圖片照載傳設置備份視頻項測試據說明會議記版軟裝程序臨時桌客戶合同發票財務計劃表格案例課件資料歸存附屬舊新草稿終審核簽報價採購銷售庫存員工薪資考勤培訓規章手冊模板素材音樂電影歌曲壁紙截網站源碼編譯發佈日誌配置數據庫備註總結週月季度年度匯報方案需求設計開發測試運維產品市場營銷客服行政人事法務財稅目錄文件夾下載上傳共享公共個人私密重要緊急"

// commonKanji: Japanese kanji frequent in names (kana weigh more).
const commonKanji = "" +
	"日一国会人年大十二本中長出三同時政事自行社見月分議後前民生連五発間対上部東者党地合市業内相方四定今回新場金員九入選立開手米力学問高代明実円関決子動京全目表戦経通外最言氏現理調体化田当八六約主題下首意法不来北校記者資料写真画像動画音楽文書報告書企画提案資料議事録予定表見積請求納品契約名簿一覧保存用旧版最終確認済"

// commonHangul: the commonest Hangul syllables of Korean text.
const commonHangul = "" +
	"이다는의에하고을가지기로사서리자한대도나를어시으수해인일정아전그부게들과주요국라보여제동우장상스만소성면것구위있비오적문화신진원까미경음거선니무트유공물내마연방실개계식생조관모했안드발세운바결학러재되치교회행간말중습없득더때같영현단당점합명날임본용반저복름불설중심분금통열심할저료노포차중파속강역작업청업식약월년보고서문서사진자료기획안회의록계약견적품목명단백업최종수정본원본임시폴더음악영상동영상파일목록설명"

// cyrillicLower: lower-case Russian letters, for Windows-1251.
const cyrillicLower = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
